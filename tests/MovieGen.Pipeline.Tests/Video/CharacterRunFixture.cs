using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Tests.Runner;
using MovieGen.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MovieGen.Pipeline.Tests.Video;

/// <summary>One full pipeline run, with the characters on screen (the default), from a fixture
/// article served by WireMock at 1280×720, shared by the tests that look at its frames.</summary>
public sealed class CharacterRunFixture : IAsyncLifetime
{
    public string Root { get; } = Repo.NewTempDirectory("characters");

    /// <summary>Named like a worker's job directory: the id seeds the blinks.</summary>
    public JobDirectory Job => new(Path.Combine(Root, "k3x9m2p7q4w8z1a"));

    public VideoScript Script { get; private set; } = null!;

    public IReadOnlyList<PhraseAudio> Phrases { get; private set; } = null!;

    public Timeline Timeline { get; private set; } = null!;

    /// <summary>Where the pipeline placed each character, by persona id.</summary>
    public IReadOnlyDictionary<string, CharacterPlacement> Placements { get; private set; } = null!;

    public PipelineResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var site = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort.Next()}"] });
        site.Given(Request.Create().WithPath("/posts/wal").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/html; charset=utf-8").WithBody(PipelineScenarioTests.ArticleHtml));
        using var host = new PipelineHost(("ALLOW_PRIVATE_URLS", "true"), ("VIDEO_RESOLUTION", "1280x720"));
        Result = await host.Runner.RunAsync(PipelineInput.FromUrl(new Uri($"{site.Url}/posts/wal")), Job.Root, null, CancellationToken.None);

        Script = await ScriptYaml.LoadAsync(Job.ScriptPath);
        Phrases = AudioStage.ReadPhrases(Job, Script);
        Timeline = AudioStage.BuildTimeline(Script, Phrases);
        var cast = host.Get<CharacterCast>();
        Placements = CharacterLayout.Place(cast.For(Script), 1280, 720).ToDictionary(p => p.Art.PersonaId);
    }

    /// <summary>The frame a player shows at <paramref name="seconds"/>.</summary>
    public Task<string> FrameAsync(double seconds, string name) =>
        MediaProbe.ExtractFrameAsync(Job.VideoPath, seconds, Path.Combine(Root, $"{name}.png"));

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
