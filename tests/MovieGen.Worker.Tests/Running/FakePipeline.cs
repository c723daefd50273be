using MovieGen.Jobs;
using MovieGen.Pipeline;
using MovieGen.Worker.Running;

namespace MovieGen.Worker.Tests.Running;

/// <summary>The worker's pipeline seam, played by the test: it tells when a job reached it, when
/// the job's token stopped it, and then does what the test asks (write a video, fail, wait).</summary>
public sealed class FakePipeline(Func<Job, string, CancellationToken, Task<JobOutput>> run) : IJobPipeline
{
    public const double VideoSeconds = 12.5;

    /// <summary>The step the pipeline reports before it does anything else.</summary>
    public const PipelineStep FirstStep = PipelineStep.Script;

    private readonly TaskCompletionSource<Job> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The job, once the worker handed it to the pipeline.</summary>
    public Task<Job> Started => started.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Completes when the job's token stopped the pipeline.</summary>
    public Task Stopped => stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public async Task<JobOutput> RunAsync(Job job, string jobDirectory, IProgress<JobProgress> progress, CancellationToken ct)
    {
        using var onStop = ct.Register(() => stopped.TrySetResult());
        Directory.CreateDirectory(jobDirectory);
        await File.WriteAllTextAsync(Path.Combine(jobDirectory, "article.json"), "{}", CancellationToken.None);
        progress.Report(new JobProgress(30, FirstStep, job.Language.T("台本を作成中", "Writing the script")));
        started.TrySetResult(job);
        return await run(job, jobDirectory, ct);
    }

    /// <summary>Writes <paramref name="content"/> as the job's video, after <paramref name="gate"/> opens.</summary>
    public static FakePipeline WritingVideo(byte[] content, Task? gate = null) => new(async (_, directory, ct) =>
    {
        await (gate ?? Task.CompletedTask).WaitAsync(ct);
        var video = Path.Combine(directory, "output.mp4");
        await File.WriteAllBytesAsync(video, content, ct);
        return new JobOutput(video, null, content.Length, VideoSeconds);
    });

    public static FakePipeline Failing(PipelineException error) => new((_, _, _) => throw error);

    /// <summary>Works until the job's token stops it.</summary>
    public static FakePipeline WaitingForStop() => new(async (_, _, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });
}
