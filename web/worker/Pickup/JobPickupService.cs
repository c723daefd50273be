using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Worker.Metrics;
using MovieGen.Worker.Options;
using MovieGen.Worker.Running;
using MovieGen.Worker.ServerSettings;

namespace MovieGen.Worker.Pickup;

/// <summary>Takes jobs from the queue: woken at once by realtime when a job is created (push) and
/// by a poll every WORKER_POLL_INTERVAL (the safety net), it claims through the atomic claim route
/// while a slot is free — never more than MAX_CONCURRENT_JOBS at once. It also routes cancel
/// events to running jobs. It starts claiming once PocketBase has our storage settings. On
/// shutdown it stops claiming, gives running jobs a grace period, then stops them so their leases
/// are handed back.</summary>
public sealed partial class JobPickupService(
    JobStore store,
    JobRunner runner,
    RunningJobs running,
    ServerSettingsService serverSettings,
    IOptions<WorkerOptions> options,
    ILogger<JobPickupService> logger) : BackgroundService
{
    private readonly WakeSignal wake = new();
    private readonly List<Task> tasks = [];
    private readonly Lock tasksGate = new();

    private WorkerOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workerId = Options.EffectiveWorkerId;
        Directory.CreateDirectory(Options.JobDataDir);
        try
        {
            // A video uploaded before PocketBase has our storage settings would land in the wrong place.
            await serverSettings.Applied.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        LogWaiting(logger, workerId, Options.MaxConcurrentJobs, Options.PollIntervalSeconds);
        var watcher = Options.Realtime ? Task.Run(() => WatchAsync(stoppingToken), CancellationToken.None) : Task.CompletedTask;
        using var slots = new SemaphoreSlim(Options.MaxConcurrentJobs, Options.MaxConcurrentJobs);
        var claim = new ClaimRequest(workerId, Options.Lease, Options.MaxAttempts);

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                Job? job = null;
                try
                {
                    var result = await store.ClaimAsync(claim, stoppingToken);
                    job = result.Job;
                    if (result.ExhaustedFailed > 0)
                    {
                        LogExhausted(logger, result.ExhaustedFailed, Options.MaxAttempts);
                    }
                }
                catch (PocketBaseFailure ex)
                {
                    LogClaimFailed(logger, ex.Message);
                }

                if (job is null)
                {
                    slots.Release();
                    await RefreshQueueDepthAsync(stoppingToken);
                    await wake.WaitAsync(Options.PollInterval, stoppingToken);
                    continue;
                }

                WorkerMetrics.Claimed.Inc();
                var entry = running.Add(job);
                WorkerMetrics.Running.Set(running.Count);
                Track(Task.Run(async () =>
                {
                    try
                    {
                        await runner.RunAsync(entry);
                    }
                    finally
                    {
                        running.Remove(entry);
                        entry.Dispose();
                        WorkerMetrics.Running.Set(running.Count);
                        slots.Release();
                        wake.Set();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stop claiming; StopAsync deals with the running jobs
        }

        await DrainAsync();
        await watcher;
    }

    /// <summary>Grace period for running jobs, then stop them (they hand their leases back).</summary>
    private async Task DrainAsync()
    {
        Task[] pending;
        lock (tasksGate)
        {
            pending = tasks.Where(t => !t.IsCompleted).ToArray();
        }

        if (pending.Length == 0)
        {
            return;
        }

        LogDraining(logger, pending.Length, Options.ShutdownGraceSeconds);
        var all = Task.WhenAll(pending);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(Options.ShutdownGraceSeconds))) != all)
        {
            foreach (var job in running.All)
            {
                job.Stop(StopReason.Shutdown);
            }
        }

        await all;
    }

    private void Track(Task task)
    {
        lock (tasksGate)
        {
            tasks.RemoveAll(t => t.IsCompleted);
            tasks.Add(task);
        }
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var message in store.WatchAsync(null, ct))
            {
                switch (message)
                {
                    case RealtimeConnected connected:
                        LogRealtime(logger, connected.IsReconnect ? "reconnected" : "connected");
                        wake.Set(); // whatever was created while we were away
                        if (connected.IsReconnect)
                        {
                            await CheckRunningJobsAsync(ct);
                        }

                        break;
                    case RealtimeRecordEvent change:
                        OnJobChanged(change.As<Job>(), change.Action);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private void OnJobChanged(Job job, string action)
    {
        if (job.Status == JobStatus.Pending)
        {
            wake.Set();
        }

        if (action != "delete" && running.TryGet(job.Id, out var entry))
        {
            if (job.Status == JobStatus.Cancelled)
            {
                entry.Stop(StopReason.Cancelled);
            }
            else if (job.Status != JobStatus.Processing || job.WorkerId != Options.EffectiveWorkerId)
            {
                entry.Stop(StopReason.Lost);
            }
        }
        else if (action == "delete" && running.TryGet(job.Id, out var deleted))
        {
            deleted.Stop(StopReason.Cancelled);
        }
    }

    /// <summary>Events sent while realtime was down are gone: look at our running jobs directly.</summary>
    private async Task CheckRunningJobsAsync(CancellationToken ct)
    {
        foreach (var entry in running.All)
        {
            try
            {
                var job = await store.GetAsync(entry.Job.Id, ct);
                if (job is null)
                {
                    entry.Stop(StopReason.Cancelled);
                }
                else
                {
                    OnJobChanged(job, "update");
                }
            }
            catch (PocketBaseFailure ex)
            {
                LogRecheckFailed(logger, entry.Job.Id, ex.Message); // the next progress write will tell
            }
        }
    }

    private async Task RefreshQueueDepthAsync(CancellationToken ct)
    {
        try
        {
            WorkerMetrics.QueueDepth.Set(await store.CountAsync("status = 'pending'", ct));
        }
        catch (PocketBaseFailure)
        {
            // metrics only
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Worker {WorkerId} waiting for jobs ({Slots} slots, polling every {Poll} s)")]
    private static partial void LogWaiting(ILogger logger, string workerId, int slots, double poll);

    [LoggerMessage(LogLevel.Warning, "Could not reach the queue: {Reason}")]
    private static partial void LogClaimFailed(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "Could not re-read running job {JobId} after a reconnect: {Reason}")]
    private static partial void LogRecheckFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(LogLevel.Warning, "{Count} job(s) stopped responding on their last of {MaxAttempts} attempts and were marked failed")]
    private static partial void LogExhausted(ILogger logger, int count, int maxAttempts);

    [LoggerMessage(LogLevel.Information, "Shutting down: {Count} running job(s) get {Grace} s to finish before they are handed back")]
    private static partial void LogDraining(ILogger logger, int count, int grace);

    [LoggerMessage(LogLevel.Information, "Realtime {State}")]
    private static partial void LogRealtime(ILogger logger, string state);
}
