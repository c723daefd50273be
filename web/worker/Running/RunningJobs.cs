using System.Collections.Concurrent;
using MovieGen.Jobs;

namespace MovieGen.Worker.Running;

/// <summary>Why a running job was stopped before it finished.</summary>
public enum StopReason
{
    None,
    /// <summary>A user (or operator) cancelled it: remove its files.</summary>
    Cancelled,
    /// <summary>This worker is shutting down: hand the job back to the queue, keep its files.</summary>
    Shutdown,
    /// <summary>Another worker holds it now (our lease expired): let go quietly.</summary>
    Lost,
}

/// <summary>One job this process is running, with the switch that stops it.</summary>
public sealed class RunningJob(Job job) : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private int reason;

    public Job Job { get; } = job;

    public CancellationToken Token => stop.Token;

    public StopReason Reason => (StopReason)Volatile.Read(ref reason);

    /// <summary>Stops the job; the first reason given wins.</summary>
    public void Stop(StopReason why)
    {
        if (Interlocked.CompareExchange(ref reason, (int)why, (int)StopReason.None) == (int)StopReason.None)
        {
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the job already ended
            }
        }
    }

    public void Dispose() => stop.Dispose();
}

/// <summary>The jobs this process runs now, by id (cancel events are routed through it).</summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<string, RunningJob> jobs = new();

    public int Count => jobs.Count;

    public IReadOnlyCollection<RunningJob> All => jobs.Values.ToArray();

    public RunningJob Add(Job job)
    {
        var running = new RunningJob(job);
        jobs[job.Id] = running;
        return running;
    }

    public void Remove(RunningJob job) => jobs.TryRemove(new KeyValuePair<string, RunningJob>(job.Job.Id, job));

    public bool TryGet(string id, out RunningJob job) => jobs.TryGetValue(id, out job!);
}
