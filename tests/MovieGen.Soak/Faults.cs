using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Soak;

/// <summary>One injected fault and the jobs it hit.</summary>
public sealed record FaultRecord(string Name, TimeSpan At, IReadOnlyList<string> AffectedJobs, string Note);

/// <summary>Injects the faults of the profile into the running load, each when a job is in
/// flight on its target so it really hits one: SIGKILL a worker (twice), SIGTERM the other,
/// restart PocketBase, fill the job-data disk until a job fails.</summary>
public sealed class FaultInjector(SoakStack stack, JobLedger ledger, SoakProfile profile, Action<string> log)
{
    public List<FaultRecord> Records { get; } = [];

    public async Task RunAsync(DateTimeOffset loadStart, CancellationToken ct)
    {
        var plan = new List<(TimeSpan At, string Name, Func<Task<FaultRecord>> Inject)>();
        var spacing = profile == SoakProfile.Smoke ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(22);
        var at = spacing;
        for (var i = 1; i <= profile.WorkerKills; i++, at += spacing)
        {
            var n = i;
            plan.Add((at, $"SIGKILL worker-1 (#{n})", () => KillAsync("worker-1", n)));
        }

        if (profile.WorkerTerm)
        {
            plan.Add((at, "SIGTERM worker-2", TerminateAsync));
            at += spacing;
        }

        if (profile.PocketBaseRestart)
        {
            plan.Add((at, "restart PocketBase", RestartPocketBaseAsync));
            at += spacing;
        }

        if (profile.DiskFull)
        {
            plan.Add((at, "job-data disk full", FillDiskAsync));
        }

        foreach (var (when, name, inject) in plan)
        {
            var wait = loadStart + when - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            log($"fault: {name}");
            Records.Add(await inject());
        }
    }

    /// <summary>Jobs processing under this worker life right now (waits a while for one).</summary>
    private async Task<List<string>> HeldByAsync(string workerId, TimeSpan patience)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            try
            {
                var held = new List<string>();
                await foreach (var job in stack.Store.ListAllAsync(PbFilter.Format("status = 'processing' && worker_id = {:w}", new { w = workerId }), null, default))
                {
                    held.Add(job.Id);
                }

                if (held.Count > 0 || DateTimeOffset.UtcNow > deadline)
                {
                    return held;
                }
            }
            catch (PocketBaseFailure)
            {
                // look again
            }

            await Task.Delay(100);
        }
    }

    private async Task<List<string>> ProcessingAsync()
    {
        var ids = new List<string>();
        await foreach (var job in stack.Store.ListAllAsync("status = 'processing'", null, default))
        {
            ids.Add(job.Id);
        }

        return ids;
    }

    private TimeSpan Since(DateTimeOffset start) => DateTimeOffset.UtcNow - start;

    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    private async Task<FaultRecord> KillAsync(string name, int n)
    {
        var worker = stack.Workers[name];
        var held = await HeldByAsync(worker.Id, TimeSpan.FromSeconds(30));
        var at = Since(started);
        await worker.KillAsync();
        await stack.StartWorkerAsync(name);
        return new FaultRecord($"SIGKILL {name} (#{n})", at, held,
            "killed mid-job; a new life of the worker was started at once; the held jobs wait for their lease (10 s) to expire");
    }

    private async Task<FaultRecord> TerminateAsync()
    {
        var worker = stack.Workers["worker-2"];
        var held = await HeldByAsync(worker.Id, TimeSpan.FromSeconds(30));
        var at = Since(started);
        var exit = await worker.TerminateAsync(TimeSpan.FromSeconds(30));
        var released = new List<string>();
        foreach (var id in held)
        {
            var job = await stack.Store.GetAsync(id, default);
            if (job is { Status: JobStatus.Pending or JobStatus.Processing } && job.WorkerId != worker.Id)
            {
                released.Add(id);
            }
        }

        await stack.StartWorkerAsync("worker-2");
        return new FaultRecord("SIGTERM worker-2", at, held,
            $"exit code {exit}; {released.Count} of {held.Count} held job(s) were back in the queue (or already re-claimed) when it exited");
    }

    private async Task<FaultRecord> RestartPocketBaseAsync()
    {
        var processing = await ProcessingAsync();
        var at = Since(started);
        await stack.PocketBase.StopAsync();
        var down = DateTimeOffset.UtcNow;
        await stack.PocketBase.StartAsync();
        return new FaultRecord("restart PocketBase", at, processing,
            $"killed and started again on the same port and data; down {(DateTimeOffset.UtcNow - down).TotalSeconds:0.0} s");
    }

    private async Task<FaultRecord> FillDiskAsync()
    {
        if (!stack.IsTmpfs)
        {
            return new FaultRecord("job-data disk full", Since(started), [], "NOT RUN: no tmpfs could be mounted for the job-data directory on this machine");
        }

        var processing = await ProcessingAsync();
        var at = Since(started);
        var filler = Path.Combine(stack.JobDataDir, "filler.bin");
        var written = 0L;
        var chunk = new byte[1 << 20];
        try
        {
            await using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            while (true)
            {
                await stream.WriteAsync(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            // full
        }

        var filledAt = DateTimeOffset.UtcNow;
        var failed = new List<string>();
        var deadline = filledAt + TimeSpan.FromSeconds(90);
        while (failed.Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            failed = ledger.All.Where(j => j.Last is { Status: JobStatus.Failed } job && job.CompletedAt >= filledAt).Select(j => j.Id).ToList();
            await Task.Delay(250);
        }

        File.Delete(filler);
        var messages = failed.Select(id => ledger.TryGet(id, out var j) ? j.Last?.ErrorMessage : "").Distinct();
        return new FaultRecord("job-data disk full", at, processing.Concat(failed).Distinct().ToList(),
            $"filled the 400 MB tmpfs with {written / (1 << 20)} MB; {failed.Count} job(s) failed while full ({string.Join(" / ", messages)}); space freed after {(DateTimeOffset.UtcNow - filledAt).TotalSeconds:0} s");
    }
}
