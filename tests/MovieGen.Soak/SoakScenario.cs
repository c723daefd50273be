using System.Text.RegularExpressions;
using MovieGen.Jobs;

namespace MovieGen.Soak;

/// <summary>What a soak run found: the figures for the report and every broken requirement.</summary>
public sealed record SoakResult(
    SoakProfile Profile,
    IReadOnlyList<TrackedJob> Jobs,
    IReadOnlyList<FaultRecord> Faults,
    IReadOnlyList<HostileClass> Hostile,
    ViewerStats Sse,
    ViewerStats Polling,
    IReadOnlyList<int> CreateStatuses,
    int CreateTransportErrors,
    IReadOnlyDictionary<string, double> PeakMemoryMb,
    int MaxPending,
    bool Tmpfs,
    TimeSpan Duration,
    IReadOnlyList<string> Violations);

/// <summary>One bounded soak run: start the stack, run the load with faults and hostile input,
/// wait for every job to end (and, with a short expiry, to be purged), then check the outcome.</summary>
public static partial class SoakScenario
{
    public static async Task<SoakResult> RunAsync(SoakProfile profile, Action<string> log)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var stack = await SoakStack.StartAsync(profile);
        log($"stack up: PocketBase {stack.PocketBase.Url}, API {stack.ApiBase}, job data on {(stack.IsTmpfs ? "a 400 MB tmpfs" : "disk")}");
        var ledger = new JobLedger();
        var monitor = new Monitor(stack, ledger);
        using var deadline = new CancellationTokenSource(profile.Deadline);
        using var stopMonitor = new CancellationTokenSource();
        var monitoring = monitor.RunAsync(stopMonitor.Token);

        using var load = new LoadDriver(stack, ledger, profile, log);
        var faults = new FaultInjector(stack, ledger, profile, log);
        var hostile = new HostileProbe(stack, ledger, log);
        var loadStart = DateTimeOffset.UtcNow;
        var loading = load.RunAsync(deadline.Token);
        var faulting = faults.RunAsync(loadStart, deadline.Token);
        var probing = profile.Hostile ? ProbeWhenAVideoExistsAsync() : Task.CompletedTask;

        var violations = new List<string>();
        try
        {
            await Task.WhenAll(loading, faulting, probing);
            await WaitAsync(() => ledger.All.All(j => j.TerminalSeenAt is not null), "every job ended", deadline.Token);
            await load.DrainAsync();
            if (profile.ExpirationHours < 1)
            {
                await WaitAsync(() => ledger.All.All(j => j.GoneAt is not null), "every expired job was purged", deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            violations.Add($"the run hit its {profile.Deadline.TotalMinutes:0}-minute deadline before it finished");
        }

        await stopMonitor.CancelAsync();
        await monitoring;

        violations.AddRange(Check(stack, ledger, hostile));
        return new SoakResult(profile, ledger.All, faults.Records, hostile.Classes, load.Sse, load.Polling,
            load.CreateStatuses.ToList(), load.CreateTransportErrors, stack.PeakMemory, monitor.MaxPending,
            stack.IsTmpfs, clock.Elapsed, violations);

        async Task ProbeWhenAVideoExistsAsync()
        {
            string? done = null;
            await WaitAsync(() => (done = ledger.All.FirstOrDefault(j => j.Last?.Status == JobStatus.Completed)?.Id) is not null,
                "a first video exists (for the Range abuse)", deadline.Token);
            log("hostile: sending");
            await hostile.RunAsync(done!, deadline.Token);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(250, ct);
        }
    }

    private static IEnumerable<string> Check(SoakStack stack, JobLedger ledger, HostileProbe hostile)
    {
        var lines = stack.AllWorkerLives.SelectMany(w => w.Lines).ToList();
        var starts = CountById(lines, Started());

        // A job handed back at shutdown gets its attempt back, so it may start once more per release.
        var releases = CountById(lines, Released());
        foreach (var job in ledger.All)
        {
            var last = job.Last;
            if (last is null)
            {
                yield return $"job {job.Id} ({job.Origin}) was never seen in PocketBase (lost)";
                continue;
            }

            if (job.TerminalSeenAt is null)
            {
                yield return $"job {job.Id} never ended: last seen {last.Status} at {last.CurrentStep} (stuck)";
            }

            if (last.Status == JobStatus.Completed && job.VideoOk != true)
            {
                yield return $"job {job.Id} completed but its video failed ffprobe: {job.VideoProblem}";
            }

            if (last.Status == JobStatus.Failed && (string.IsNullOrWhiteSpace(last.ErrorMessage) || last.FailedStep == ""))
            {
                yield return $"job {job.Id} failed without a message or a failed step";
            }

            if (starts.GetValueOrDefault(job.Id) > Math.Max(1, last.Attempts) + releases.GetValueOrDefault(job.Id))
            {
                yield return $"job {job.Id} was started {starts[job.Id]} times in {last.Attempts} attempt(s) and {releases.GetValueOrDefault(job.Id)} release(s) (duplicated)";
            }

            if (job.DeletedEarly)
            {
                yield return $"job {job.Id} was deleted before it expired";
            }

            if (job.LingeredPastExpiry is { } what)
            {
                yield return $"job {job.Id}: its {what} outlived its expiry by more than one purge period";
            }
        }

        foreach (var c in hostile.Classes)
        {
            foreach (var v in c.Violations)
            {
                yield return $"hostile ({c.Name}): {v}";
            }
        }
    }

    private static Dictionary<string, int> CountById(IEnumerable<string> lines, Regex pattern) =>
        lines.Select(l => pattern.Match(l)).Where(m => m.Success)
            .GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Count());

    [GeneratedRegex(@"Job (\w{15}) started \(attempt")]
    private static partial Regex Started();

    [GeneratedRegex(@"Job (\w{15}) handed back to the queue at shutdown \(released: True\)")]
    private static partial Regex Released();
}
