using Microsoft.Extensions.Options;
using MovieGen.Jobs;
using MovieGen.Pipeline;
using MovieGen.Worker.Options;

namespace MovieGen.Worker.Running;

/// <summary>Runs the video pipeline for a job: its URL into its directory, progress described in
/// the language of the person who asked. The job's script travels with the record: a script stored
/// by an earlier attempt (on any host) is put in the directory first, so the pipeline skips fetching
/// and writing it (no LLM asked twice); a script written here is stored as soon as the script step
/// ends.</summary>
public sealed partial class PipelineJobAdapter(
    PipelineRunner runner,
    JobStore store,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<PipelineJobAdapter> logger) : IJobPipeline
{
    public async Task<JobOutput> RunAsync(Job job, string jobDirectory, IProgress<JobProgress> progress, CancellationToken ct)
    {
        var lang = job.Language;
        var files = new JobDirectory(jobDirectory);
        await RestoreScriptAsync(job, files, ct);

        // The steps run in order, so the first report of a step after the script means script.yaml
        // is written (a resumed run reports it too, and stores a script an earlier upload missed).
        // Reports may come from parallel workers of a stage: start the upload once, off their thread.
        var started = 0;
        Task? storing = null;
        var relay = new Relay(p =>
        {
            if (job.Script.Length == 0 && p.Step > PipelineStep.Script && Interlocked.Exchange(ref started, 1) == 0)
            {
                storing = Task.Run(() => StoreScriptAsync(job.Id, files.ScriptPath, ct), CancellationToken.None);
            }

            progress.Report(new JobProgress(p.Percent, p.Step, p.Describe(lang)));
        });
        try
        {
            var result = await runner.RunAsync(PipelineInput.FromUrl(new Uri(job.Url)), files.Root, relay, ct);
            return new JobOutput(files.VideoPath, File.Exists(files.ScriptPath) ? files.ScriptPath : null, result.VideoSize, result.VideoDurationSeconds);
        }
        finally
        {
            if (storing is not null)
            {
                await storing;
            }
        }
    }

    private async Task RestoreScriptAsync(Job job, JobDirectory files, CancellationToken ct)
    {
        if (job.Script.Length == 0 || File.Exists(files.ScriptPath))
        {
            return; // nothing stored, or this host has it from an earlier attempt
        }

        byte[]? script;
        try
        {
            script = await Retried.WithinLeaseAsync(token => store.ReadScriptAsync(job, token), options.Value.Lease, time,
                reason => LogRetry(logger, job.Id, "read the stored script", reason), ct);
        }
        catch (MovieGen.Jobs.PocketBase.StoredFileMissingException ex)
        {
            LogScriptMissing(logger, job.Id, ex.Message); // the pipeline writes the script again
            return;
        }

        if (script is not null)
        {
            await JobDirectory.CommitAsync(files.ScriptPath, temp => File.WriteAllBytesAsync(temp, script, ct));
            LogScriptRestored(logger, job.Id, script.Length);
        }
    }

    /// <summary>Stores the script beside the running pipeline. A failure only costs a resume
    /// elsewhere the script step, and the video's upload carries the script again, so it is logged,
    /// never thrown (a job lost meanwhile is stopped by its cancel or takeover, not here).</summary>
    private async Task StoreScriptAsync(string jobId, string path, CancellationToken ct)
    {
        try
        {
            await Retried.WithinLeaseAsync(token => store.StoreScriptAsync(jobId, options.Value.EffectiveWorkerId, path, token), options.Value.Lease, time,
                reason => LogRetry(logger, jobId, "store the script", reason), ct);
            LogScriptStored(logger, jobId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (!ct.IsCancellationRequested)
            {
                LogScriptNotStored(logger, jobId, ex.Message);
            }
        }
    }

    /// <summary>Calls straight through (Progress&lt;T&gt; would post to the thread pool and could
    /// reorder reports).</summary>
    private sealed class Relay(Action<PipelineProgress> report) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value) => report(value);
    }

    [LoggerMessage(LogLevel.Information, "Job {JobId} resumes from its stored script ({Bytes} bytes)")]
    private static partial void LogScriptRestored(ILogger logger, string jobId, int bytes);

    [LoggerMessage(LogLevel.Warning, "Job {JobId}: the record names a script its storage does not have ({Reason}); writing it again")]
    private static partial void LogScriptMissing(ILogger logger, string jobId, string reason);

    [LoggerMessage(LogLevel.Information, "Job {JobId}: script stored on the record")]
    private static partial void LogScriptStored(ILogger logger, string jobId);

    [LoggerMessage(LogLevel.Warning, "Job {JobId}: the script could not be stored ({Reason}); the video's upload carries it")]
    private static partial void LogScriptNotStored(ILogger logger, string jobId, string reason);

    [LoggerMessage(LogLevel.Warning, "Job {JobId}: could not {What} yet ({Reason}); retrying")]
    private static partial void LogRetry(ILogger logger, string jobId, string what, string reason);
}
