using MovieGen.Jobs;
using MovieGen.Pipeline;

namespace MovieGen.Worker.Running;

/// <summary>Runs the video pipeline for a job: its URL into its directory, progress described in
/// the language of the person who asked.</summary>
public sealed class PipelineJobAdapter(PipelineRunner runner) : IJobPipeline
{
    public async Task<JobOutput> RunAsync(Job job, string jobDirectory, IProgress<JobProgress> progress, CancellationToken ct)
    {
        var lang = job.Lang == "en" ? "en" : "ja";
        var result = await runner.RunAsync(PipelineInput.FromUrl(new Uri(job.Url)), jobDirectory,
            new Relay(p => progress.Report(new JobProgress(p.Percent, p.Step.ToWireName(), p.Describe(lang)))), ct);
        return new JobOutput(result.VideoPath, result.VideoSize, result.VideoDurationSeconds);
    }

    /// <summary>Calls straight through (Progress&lt;T&gt; would post to the thread pool and could
    /// reorder reports).</summary>
    private sealed class Relay(Action<PipelineProgress> report) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value) => report(value);
    }
}
