using System.Text.Json.Nodes;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Audio;

public sealed class VoicevoxSynthesizerTests : IDisposable
{
    private readonly string dir = Repo.NewTempDirectory("voicevox");
    private readonly HttpClient http = VoicevoxSynthesizer.CreateHttpClient();

    public void Dispose()
    {
        http.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Each_persona_is_voiced_by_its_speaker_id_at_the_configured_speed()
    {
        using var engine = await FakeVoicevox.StartAsync();
        var synthesizer = new VoicevoxSynthesizer(http, new PipelineOptions { VoicevoxUrl = engine.Url, VoicevoxSpeed = 1.35 });

        foreach (var persona in new[] { Personas.Metan, Personas.Zundamon, Personas.Tsumugi })
        {
            await synthesizer.SynthesizeAsync(new SpeechLine($"{persona.NameJa}です。", "", persona, "ja"),
                Path.Combine(dir, $"{persona.Id}.wav"), CancellationToken.None);
        }

        var queries = engine.Requests("/audio_query").Select(e => e.RequestMessage).ToList();
        queries.Select(q => q.Query!["speaker"].ToString()).ShouldBe(["2", "3", "8"]);
        queries.Select(q => q.Query!["text"].ToString()).ShouldBe(["四国めたんです。", "ずんだもんです。", "春日部つむぎです。"]);

        var syntheses = engine.Requests("/synthesis").Select(e => e.RequestMessage).ToList();
        syntheses.Select(s => s.Query!["speaker"].ToString()).ShouldBe(["2", "3", "8"]);
        foreach (var body in syntheses.Select(s => JsonNode.Parse(s.Body!)!))
        {
            body["speedScale"]!.GetValue<double>().ShouldBe(1.35);
            body["pitchScale"]!.GetValue<double>().ShouldBe(0.0, "the rest of the query is passed through unchanged");
        }

        var wav = await File.ReadAllBytesAsync(Path.Combine(dir, "zundamon.wav"));
        wav.ShouldBe(engine.Wav);
        WavFile.Read(Path.Combine(dir, "zundamon.wav")).DurationSeconds.ShouldBeGreaterThan(0.3);
    }

    [Fact]
    public async Task A_busy_engine_answering_503_is_retried_until_it_answers()
    {
        using var engine = await FakeVoicevox.StartAsync(failFirstSyntheses: 2);
        var synthesizer = new VoicevoxSynthesizer(http, new PipelineOptions { VoicevoxUrl = engine.Url });
        var path = Path.Combine(dir, "retried.wav");

        await synthesizer.SynthesizeAsync(new SpeechLine("もう一度", "", Personas.Metan, "ja"), path, CancellationToken.None);

        engine.Requests("/synthesis").Select(e => e.ResponseMessage.StatusCode?.ToString()).ShouldBe(["503", "503", "200"]);
        File.ReadAllBytes(path).ShouldBe(engine.Wav);
    }

    [Fact]
    public async Task A_refused_request_fails_with_the_engine_status()
    {
        using var engine = await FakeVoicevox.StartAsync();
        engine.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/audio_query").UsingPost())
            .AtPriority(0)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(422).WithBody("""{"detail":"bad text"}"""));
        var synthesizer = new VoicevoxSynthesizer(http, new PipelineOptions { VoicevoxUrl = engine.Url });

        var error = await Should.ThrowAsync<HttpRequestException>(() =>
            synthesizer.SynthesizeAsync(new SpeechLine("x", "", Personas.Metan, "ja"), Path.Combine(dir, "x.wav"), CancellationToken.None));

        error.StatusCode.ShouldBe(System.Net.HttpStatusCode.UnprocessableEntity);
        engine.Requests("/audio_query").Count().ShouldBe(1, "a 4xx is permanent and not retried");
    }
}
