using MovieGen.Jobs;

namespace MovieGen.Worker.Running;

/// <summary>What the worker needs from the video pipeline: run one job in its (scratch) directory,
/// reporting progress, honouring cancellation. Failures are <c>PipelineException</c>s.</summary>
public interface IJobPipeline
{
    Task<JobOutput> RunAsync(Job job, string jobDirectory, IProgress<JobProgress> progress, CancellationToken ct);
}

/// <summary>Overall percentage, the step running and a message in the job's language.</summary>
public sealed record JobProgress(int Percent, PipelineStep Step, string Message);

/// <summary>The finished video in the job directory (absolute paths), with the script it was made
/// from, its bytes and seconds; the worker stores both on the record.</summary>
public sealed record JobOutput(string VideoFile, string? ScriptFile, long VideoSize, double VideoDuration);
