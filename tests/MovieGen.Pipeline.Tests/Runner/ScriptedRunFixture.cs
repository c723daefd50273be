using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Runner;

/// <summary>One full pipeline run from a hand-made script.yaml (3 sections, 2 lines each, 1280×720)
/// as the plain slideshow (CHARACTERS=off), shared by the tests that inspect its output; the
/// characters' run is <see cref="Video.CharacterRunFixture"/>.</summary>
public sealed class ScriptedRunFixture : IAsyncLifetime
{
    public string Root { get; } = Repo.NewTempDirectory("run");

    public string JobDirectory => Path.Combine(Root, "job");

    public VideoScript Script { get; } = TestScripts.Japanese(sections: 3);

    public PipelineResult Result { get; private set; } = null!;

    public List<PipelineProgress> Progress { get; } = [];

    public Timeline Timeline { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var scriptPath = Path.Combine(Root, "input.yaml");
        await ScriptYaml.SaveAsync(Script, scriptPath);
        using var host = new PipelineHost(("VIDEO_RESOLUTION", "1280x720"), ("CHARACTERS", "off"));
        Result = await host.Runner.RunAsync(PipelineInput.FromScript(scriptPath), JobDirectory,
            new SyncProgress<PipelineProgress>(Progress.Add), CancellationToken.None);
        var job = new JobDirectory(JobDirectory);
        var script = await ScriptYaml.LoadAsync(job.ScriptPath);
        Timeline = AudioStage.BuildTimeline(script, AudioStage.ReadPhrases(job, script));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
