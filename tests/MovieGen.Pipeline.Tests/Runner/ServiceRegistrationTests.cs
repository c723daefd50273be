using Microsoft.Extensions.Options;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Tests.Runner;

public class ServiceRegistrationTests
{
    [Fact]
    public void Offline_by_default_espeak_and_the_offline_script_writer()
    {
        using var host = new PipelineHost();

        host.Get<ISpeechSynthesizer>().ShouldBeOfType<EspeakSynthesizer>();
        host.Get<IScriptWriter>().ShouldBeOfType<OfflineScriptWriter>();
        host.Get<PipelineOptions>().MaxVideoDurationMinutes.ShouldBe(5);
    }

    [Fact]
    public void Voicevox_url_and_openrouter_key_switch_to_the_online_services()
    {
        using var host = new PipelineHost(("VOICEVOX_URL", "http://127.0.0.1:50021"), ("OPENROUTER_API_KEY", "test-key"));

        host.Get<ISpeechSynthesizer>().ShouldBeOfType<VoicevoxSynthesizer>();
        host.Get<IScriptWriter>().ShouldBeOfType<LlmScriptWriter>();
    }

    [Theory]
    [InlineData("VIDEO_RESOLUTION", "800x600", "VIDEO_RESOLUTION must be 1280x720 or 1920x1080.")]
    [InlineData("MAX_VIDEO_DURATION_MINUTES", "0", "MAX_VIDEO_DURATION_MINUTES must be between 0.5 and 60.")]
    [InlineData("VOICEVOX_SPEED", "9", "VOICEVOX_SPEED must be between 0.5 and 2.0.")]
    [InlineData("FFMPEG_STALL_TIMEOUT_SECONDS", "1", "FFMPEG_STALL_TIMEOUT_SECONDS must be between 5 and 3600.")]
    public void A_bad_setting_fails_with_a_message_naming_it(string name, string value, string message)
    {
        using var host = new PipelineHost((name, value));

        var error = Should.Throw<OptionsValidationException>(() => host.Get<PipelineRunner>());

        error.Failures.ShouldContain(f => f.Contains(message, StringComparison.Ordinal));
    }
}
