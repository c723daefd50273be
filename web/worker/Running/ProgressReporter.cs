using Microsoft.Extensions.Logging;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Worker.Metrics;

namespace MovieGen.Worker.Running;

/// <summary>Carries one running job's progress to PocketBase: at most one write per interval with
/// the latest value (never a lower percentage), step timings as steps change, and a lease renewal
/// when nothing else was written for a while. Each write is also the worker's proof of ownership:
/// when PocketBase says the job is no longer ours (cancelled, reclaimed), the job is stopped.</summary>
public sealed partial class ProgressReporter : IProgress<JobProgress>, IAsyncDisposable
{
    private readonly JobStore store;
    private readonly RunningJob running;
    private readonly string workerId;
    private readonly TimeSpan lease;
    private readonly TimeSpan interval;
    private readonly TimeSpan renewEvery;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Dictionary<string, StepTiming> timings;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private JobProgress? pending;
    private JobProgress? last;
    private bool timingsChanged;
    private PipelineStep? currentStep;
    private long stepStartedAt;

    public ProgressReporter(JobStore store, RunningJob running, string workerId, TimeSpan lease,
        TimeSpan interval, TimeSpan renewEvery, TimeProvider time, ILogger logger)
    {
        this.store = store;
        this.running = running;
        this.workerId = workerId;
        this.lease = lease;
        this.interval = interval;
        this.renewEvery = renewEvery;
        this.time = time;
        this.logger = logger;
        timings = running.Job.StepTimings is { } existing ? new(existing) : [];
        loop = Task.Run(RunAsync);
    }

    public PipelineStep? CurrentStep
    {
        get
        {
            lock (gate)
            {
                return currentStep;
            }
        }
    }

    public void Report(JobProgress value)
    {
        lock (gate)
        {
            if (value.Step != currentStep)
            {
                var now = time.GetUtcNow();
                FinishCurrentStep(now);
                currentStep = value.Step;
                stepStartedAt = time.GetTimestamp();

                // A step finished on an earlier attempt keeps its timing: this run only skips it.
                var step = value.Step.ToWireName();
                if (!timings.TryGetValue(step, out var before) || before.Finished is null)
                {
                    timings[step] = new StepTiming(now, null);
                    timingsChanged = true;
                }
            }

            var floor = pending?.Percent ?? last?.Percent ?? 0;
            if (value.Percent >= floor)
            {
                pending = value;
            }
        }
    }

    /// <summary>Marks the running step finished (for the final write and the step metrics).</summary>
    public void CompleteSteps()
    {
        lock (gate)
        {
            FinishCurrentStep(time.GetUtcNow());
            currentStep = null;
        }
    }

    /// <summary>The update to send with the outcome: the latest progress and the timings.</summary>
    public JobUpdate FinalFields(JobUpdate outcome)
    {
        lock (gate)
        {
            var latest = pending ?? last;
            return outcome with
            {
                Progress = outcome.Progress ?? latest?.Percent,
                ProgressMessage = outcome.ProgressMessage ?? latest?.Message,
                StepTimings = new Dictionary<string, StepTiming>(timings),
            };
        }
    }

    private void FinishCurrentStep(DateTimeOffset now)
    {
        if (currentStep?.ToWireName() is not { } step)
        {
            return;
        }

        if (timings.TryGetValue(step, out var t) && t.Finished is null)
        {
            timings[step] = t with { Finished = now };
            timingsChanged = true;
            WorkerMetrics.StepSeconds.WithLabels(step).Observe(time.GetElapsedTime(stepStartedAt).TotalSeconds);
        }
    }

    private async Task RunAsync()
    {
        var lastWrite = time.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            JobUpdate? update;
            lock (gate)
            {
                update = pending is null && !timingsChanged ? null : new JobUpdate
                {
                    Progress = pending?.Percent,
                    ProgressMessage = pending?.Message,
                    CurrentStep = pending?.Step.ToWireName(),
                    StepTimings = timingsChanged ? new Dictionary<string, StepTiming>(timings) : null,
                };
                if (update is not null)
                {
                    last = pending ?? last;
                    pending = null;
                    timingsChanged = false;
                }
            }

            if (update is null && time.GetElapsedTime(lastWrite) < renewEvery)
            {
                continue;
            }

            try
            {
                await store.UpdateAsync(running.Job.Id, workerId, lease, update ?? new JobUpdate(), stop.Token);
                lastWrite = time.GetTimestamp();
            }
            catch (JobLostException ex)
            {
                LogLost(logger, running.Job.Id, ex.Status);
                running.Stop(ex.WasCancelled ? StopReason.Cancelled : StopReason.Lost);
                break;
            }
            catch (PocketBaseFailure ex)
            {
                // Keep working: the next write retries. If PocketBase stays away past the lease,
                // another worker reclaims the job and our next write learns it.
                LogWriteFailed(logger, running.Job.Id, ex.Message);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Stops writing (before the outcome is written, so no progress write races it).</summary>
    public async Task StopAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }

        await loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Job {JobId} is no longer ours (status {Status}); stopping it")]
    private static partial void LogLost(ILogger logger, string jobId, string status);

    [LoggerMessage(LogLevel.Warning, "Progress write for job {JobId} failed: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string jobId, string reason);
}
