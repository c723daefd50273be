using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Pipeline;
using MovieGen.Worker.Metrics;
using MovieGen.Worker.Options;

namespace MovieGen.Worker.Running;

/// <summary>Runs one claimed job to its end: the pipeline with live progress, its video stored on
/// the record, then exactly one outcome — completed, failed (with a short message and the failed
/// step), cancelled or, at shutdown, handed back to the queue. The job directory is scratch: it is
/// removed when the job ends here, and kept only when it may be resumed on this host (handed back
/// at shutdown, or this process died); the purge removes what is left once the job ended elsewhere.</summary>
public sealed partial class JobRunner(
    JobStore store,
    IJobPipeline pipeline,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<JobRunner> logger)
{
    private WorkerOptions Options => options.Value;

    public string JobDirectory(string jobId) => Path.Combine(Path.GetFullPath(Options.JobDataDir), jobId);

    public async Task RunAsync(RunningJob running)
    {
        var job = running.Job;
        var workerId = Options.EffectiveWorkerId;
        using var scope = logger.BeginScope("Job {JobId}", job.Id);
        LogStarted(logger, job.Id, job.Attempts, job.Url);
        var directory = JobDirectory(job.Id);

        await using var reporter = new ProgressReporter(store, running, workerId, Options.Lease,
            TimeSpan.FromMilliseconds(Options.ProgressIntervalMs), Options.RenewEvery, time, logger);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(Options.JobTimeoutMinutes), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(running.Token, timeout.Token);
        try
        {
            var (size, duration) = await VideoOfAsync(job, directory, reporter, linked.Token);
            reporter.CompleteSteps();
            await reporter.StopAsync();
            await FinishAsync(running, reporter.FinalFields(new JobUpdate
            {
                Status = JobStatus.Completed,
                Progress = 100,
                ProgressMessage = job.Language.T("完了しました", "Done"),
                VideoSize = size,
                VideoDuration = Math.Round(duration, 3),
            }));
            WorkerMetrics.Completed.Inc();
            JobFiles.TryDelete(directory, logger);
            LogCompleted(logger, job.Id, duration, size);
        }
        catch (OperationCanceledException) when (running.Reason is StopReason.Cancelled)
        {
            WorkerMetrics.Cancelled.Inc();
            JobFiles.TryDelete(directory, logger);
            LogCancelled(logger, job.Id);
        }
        catch (OperationCanceledException) when (running.Reason is StopReason.Lost)
        {
            // Its new holder may be a worker on this host sharing the directory: leave it to the purge.
            LogLetGo(logger, job.Id);
        }
        catch (OperationCanceledException) when (running.Reason is StopReason.Shutdown)
        {
            await ReleaseAsync(job, workerId);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await FailAsync(running, reporter, job.Language.T(
                $"処理が {Options.JobTimeoutMinutes} 分以内に終わらなかったため中止しました。",
                $"Processing did not finish within {Options.JobTimeoutMinutes} minutes and was stopped."), reporter.CurrentStep, null);
        }
        catch (JobLostException ex)
        {
            if (ex.WasCancelled)
            {
                JobFiles.TryDelete(directory, logger);
            }

            LogLetGo(logger, job.Id);
        }
        catch (PipelineException ex)
        {
            await FailAsync(running, reporter, ex.UserMessage.In(job.Language), ex.Step, ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await FailAsync(running, reporter, job.Language.T(
                "内部エラーのため動画を作れませんでした。詳しい内容はログに記録されています。",
                "An internal error stopped the video. The operators have the details in the log."), reporter.CurrentStep, ex);
        }
    }

    /// <summary>The job's video, stored on the record: made by the pipeline and uploaded while the
    /// reporter still renews the lease — or already there, when an earlier attempt stored it and
    /// died before its completion write (the record is saved only once its file is, so a stored
    /// video is a whole one).</summary>
    private async Task<(long Size, double Duration)> VideoOfAsync(Job job, string directory, ProgressReporter reporter, CancellationToken ct)
    {
        if (job.Video.Length > 0 && job.VideoSize > 0)
        {
            LogAlreadyStored(logger, job.Id);
            return (job.VideoSize, job.VideoDuration);
        }

        var output = await pipeline.RunAsync(job, directory, reporter, ct);
        reporter.Report(new JobProgress(100, PipelineStep.Video, job.Language.T("動画を保存しています", "Saving the video")));
        var clock = time.GetTimestamp();
        await Retried.WithinLeaseAsync(token => store.StoreVideoAsync(job.Id, Options.EffectiveWorkerId, output.VideoFile, output.ScriptFile, output.VideoSize, output.VideoDuration, token),
            Options.Lease, time, reason => LogStoreRetry(logger, job.Id, reason), ct);
        WorkerMetrics.UploadSeconds.Observe(time.GetElapsedTime(clock).TotalSeconds);
        return (output.VideoSize, output.VideoDuration);
    }

    private async Task FailAsync(RunningJob running, ProgressReporter reporter, string message, PipelineStep? step, Exception? ex)
    {
        var failedStep = (step ?? reporter.CurrentStep ?? PipelineStep.Fetch).ToWireName();
        LogFailed(logger, ex, running.Job.Id, failedStep, message);
        reporter.CompleteSteps();
        await reporter.StopAsync();
        WorkerMetrics.Failed.WithLabels(failedStep).Inc();
        try
        {
            await FinishAsync(running, reporter.FinalFields(new JobUpdate
            {
                Status = JobStatus.Failed,
                ErrorMessage = message,
                FailedStep = failedStep,
            }));
            JobFiles.TryDelete(JobDirectory(running.Job.Id), logger);
        }
        catch (JobLostException)
        {
            LogLetGo(logger, running.Job.Id);
        }
    }

    /// <summary>Writes the outcome, retrying while PocketBase is unreachable. If it stays away
    /// longer than the lease, the job is reclaimed by a worker that finds the video stored (or the
    /// finished files) and writes the outcome itself, so a job is never left in processing.</summary>
    private Task FinishAsync(RunningJob running, JobUpdate outcome) =>
        Retried.WithinLeaseAsync(token => store.UpdateAsync(running.Job.Id, Options.EffectiveWorkerId, Options.Lease, outcome, token),
            Options.Lease, time, reason => LogOutcomeRetry(logger, running.Job.Id, reason), CancellationToken.None);

    private async Task ReleaseAsync(Job job, string workerId)
    {
        try
        {
            var released = await store.ReleaseAsync(job.Id, workerId, CancellationToken.None);
            if (released)
            {
                WorkerMetrics.Released.Inc();
            }

            LogReleased(logger, job.Id, released);
        }
        catch (PocketBaseFailure ex)
        {
            // The lease expires on its own and another worker reclaims the job.
            LogReleaseFailed(logger, job.Id, ex.Message);
        }
    }

    [LoggerMessage(LogLevel.Information, "Job {JobId} started (attempt {Attempt}): {Url}")]
    private static partial void LogStarted(ILogger logger, string jobId, int attempt, string url);

    [LoggerMessage(LogLevel.Information, "Job {JobId}: its video was stored by an earlier attempt; completing it")]
    private static partial void LogAlreadyStored(ILogger logger, string jobId);

    [LoggerMessage(LogLevel.Warning, "Storing the video of job {JobId} failed ({Reason}); retrying")]
    private static partial void LogStoreRetry(ILogger logger, string jobId, string reason);

    [LoggerMessage(LogLevel.Information, "Job {JobId} completed: {Duration:0.0} s video, {Size} bytes")]
    private static partial void LogCompleted(ILogger logger, string jobId, double duration, long size);

    [LoggerMessage(LogLevel.Warning, "Job {JobId} failed at {Step}: {Message}")]
    private static partial void LogFailed(ILogger logger, Exception? ex, string jobId, string step, string message);

    [LoggerMessage(LogLevel.Information, "Job {JobId} cancelled; its files were removed")]
    private static partial void LogCancelled(ILogger logger, string jobId);

    [LoggerMessage(LogLevel.Information, "Job {JobId} is held elsewhere now; letting it go")]
    private static partial void LogLetGo(ILogger logger, string jobId);

    [LoggerMessage(LogLevel.Information, "Job {JobId} handed back to the queue at shutdown (released: {Released})")]
    private static partial void LogReleased(ILogger logger, string jobId, bool released);

    [LoggerMessage(LogLevel.Warning, "Could not hand job {JobId} back ({Reason}); its lease will expire")]
    private static partial void LogReleaseFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(LogLevel.Warning, "Writing the outcome of job {JobId} failed ({Reason}); retrying")]
    private static partial void LogOutcomeRetry(ILogger logger, string jobId, string reason);
}
