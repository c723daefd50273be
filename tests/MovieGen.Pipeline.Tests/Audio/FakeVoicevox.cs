using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using MovieGen.Testing;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MovieGen.Pipeline.Tests.Audio;

/// <summary>A VOICEVOX engine stand-in on 127.0.0.1: <c>/audio_query</c> answers a query JSON,
/// <c>/synthesis</c> a real WAV made with espeak-ng when the fake starts.</summary>
public sealed class FakeVoicevox : IDisposable
{
    public const string QueryJson = """{"accent_phrases":[],"speedScale":1.0,"pitchScale":0.0,"intonationScale":1.0,"volumeScale":1.0,"prePhonemeLength":0.1,"postPhonemeLength":0.1,"outputSamplingRate":24000,"outputStereo":false,"kana":""}""";

    private FakeVoicevox(WireMockServer server, byte[] wav)
    {
        Server = server;
        Wav = wav;
    }

    public WireMockServer Server { get; }

    public byte[] Wav { get; }

    public string Url => Server.Url!;

    public IEnumerable<ILogEntry> Requests(string path) =>
        Server.LogEntries.Where(e => e.RequestMessage.Path == path);

    /// <param name="queryJson">What <c>/audio_query</c> answers (<see cref="QueryJson"/>: no moras).</param>
    public static async Task<FakeVoicevox> StartAsync(int failFirstSyntheses = 0, string queryJson = QueryJson)
    {
        var wavPath = Path.Combine(Path.GetTempPath(), $"moviegen-vv-{Guid.NewGuid():N}.wav");
        await new EspeakSynthesizer(new PipelineOptions()).SynthesizeAsync(
            new SpeechLine("ずんだもんなのだ", "", Personas.Zundamon, "ja"), wavPath, CancellationToken.None);
        var wav = await File.ReadAllBytesAsync(wavPath);
        File.Delete(wavPath);

        var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort.Next()}"] });
        server.Given(Request.Create().WithPath("/audio_query").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(queryJson));

        for (var i = 0; i < failFirstSyntheses; i++)
        {
            var failing = server.Given(Request.Create().WithPath("/synthesis").UsingPost()).InScenario("flaky");
            if (i > 0)
            {
                failing = failing.WhenStateIs($"failed{i}");
            }

            failing.WillSetStateTo($"failed{i + 1}").RespondWith(Response.Create().WithStatusCode(503).WithBody("busy"));
        }

        var synthesis = server.Given(Request.Create().WithPath("/synthesis").UsingPost());
        if (failFirstSyntheses > 0)
        {
            synthesis = synthesis.InScenario("flaky").WhenStateIs($"failed{failFirstSyntheses}");
        }

        synthesis.RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "audio/wav").WithBody(wav));
        return new FakeVoicevox(server, wav);
    }

    public void Dispose() => Server.Stop();
}
