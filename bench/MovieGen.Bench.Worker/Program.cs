using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using MovieGen;
using MovieGen.Jobs;
using MovieGen.Testing;

// Worker benchmark (issue 5): pickup latency with realtime push vs the reference design's
// 5-second polling, throughput of 2 workers x 2 slots, and the worker's peak memory while it
// renders a 5-minute video. Real PocketBase, real worker processes, articles on loopback.
var outPath = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
var pushJobs = int.Parse(args.SkipWhile(a => a != "--jobs").Skip(1).FirstOrDefault() ?? "50", CultureInfo.InvariantCulture);
const int PollJobs = 10;
const int ThroughputJobs = 20;

await using var pocketBase = await PocketBaseServer.StartNewAsync();
using var site = new ArticleSite();
var dataDir = Repo.NewTempDirectory("bench-jobs");
using var client = new MovieGen.Jobs.PocketBase.PocketBaseClient(pocketBase.Options);
var store = new JobStore(client, Options.Create(new JobStoreOptions()));
var workers = new List<AppProcess>();
var report = new StringBuilder();

try
{
    Console.Error.WriteLine($"pickup latency, realtime push, {pushJobs} jobs…");
    var push = await PickupLatencyAsync("push", pushJobs, new() { ["WORKER_REALTIME"] = "true", ["WORKER_POLL_INTERVAL"] = "5" }, TimeSpan.FromMilliseconds(200));
    Console.Error.WriteLine($"pickup latency, 5 s polling, {PollJobs} jobs…");
    var poll = await PickupLatencyAsync("poll", PollJobs, new() { ["WORKER_REALTIME"] = "false", ["WORKER_POLL_INTERVAL"] = "5" }, TimeSpan.FromSeconds(5));

    Console.Error.WriteLine($"throughput, 2 workers x 2 slots, {ThroughputJobs} tiny articles…");
    var (perMinute, throughputWall) = await ThroughputAsync();

    Console.Error.WriteLine("peak memory while rendering a 5-minute video…");
    var (peakMb, videoSeconds, renderWall) = await PeakMemoryAsync();

    report.AppendLine("## Worker (issue 5)");
    report.AppendLine();
    report.AppendLine("Pickup latency = a job's `started_at` (set by the claim) minus its `created`, both PocketBase's clock; each job is created while the worker is idle. Jobs fail at once at fetch (404), so slots are free. Each job arrives after a random pause (0–5 s for polling, 0–0.2 s for push) so arrivals fall at random points of the poll cycle.");
    report.AppendLine();
    report.AppendLine("| pickup | jobs | p50 | p95 | max |");
    report.AppendLine("|---|---:|---:|---:|---:|");
    report.AppendLine(Row("realtime push (ours)", push));
    report.AppendLine(Row("5 s polling (reference design)", poll));
    report.AppendLine();
    var ratio = Percentile(poll, 50) / Math.Max(1, Percentile(push, 50));
    report.AppendLine(CultureInfo.InvariantCulture, $"- p50 pickup with push is **{ratio:0}x** faster than 5 s polling; p95 {Percentile(push, 95):0} ms (target ≤ 200 ms: {(Percentile(push, 95) <= 200 ? "met" : "NOT met")}).");
    report.AppendLine(CultureInfo.InvariantCulture, $"- Throughput: {ThroughputJobs} small Japanese articles with 2 worker processes x 2 slots (MAX_CONCURRENT_JOBS=2) took {throughputWall.TotalSeconds:0.0} s: **{perMinute:0.0} jobs/minute** on this machine.");
    report.AppendLine(CultureInfo.InvariantCulture, $"- Peak memory of the worker process (VmHWM) while rendering a {videoSeconds / 60:0.0}-minute video ({renderWall.TotalSeconds:0} s wall): **{peakMb:0} MB** (target ≤ 400 MB: {(peakMb <= 400 ? "met" : "NOT met")}). ffmpeg runs as a child process and is not included.");
}
finally
{
    foreach (var worker in workers)
    {
        await worker.DisposeAsync();
    }

    Directory.Delete(dataDir, recursive: true);
}

Console.WriteLine(report.ToString());
if (outPath is not null)
{
    await File.WriteAllTextAsync(outPath, report.ToString());
}

return 0;

Dictionary<string, string> Env(Dictionary<string, string> overrides)
{
    var env = new Dictionary<string, string>(pocketBase.Settings())
    {
        ["JOB_DATA_DIR"] = dataDir,
        ["ALLOW_PRIVATE_URLS"] = "true",
        ["MAX_CONCURRENT_JOBS"] = "2",
        ["WORKER_METRICS_PORT"] = "0",
        ["CLEANUP_CRON"] = "0 0 1 1 *",
        ["SHUTDOWN_GRACE_SECONDS"] = "0",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__MovieGen.Worker.Pickup"] = "Information",
    };
    foreach (var (k, v) in overrides)
    {
        env[k] = v;
    }

    return env;
}

async Task<AppProcess> StartWorkerAsync(string id, Dictionary<string, string> overrides)
{
    var worker = AppProcess.Start(id, Env(overrides));
    workers.Add(worker);
    await worker.WaitUntilReadyAsync();
    return worker;
}

async Task StopWorkersAsync()
{
    foreach (var worker in workers)
    {
        await worker.DisposeAsync();
    }

    workers.Clear();
}

async Task<Job> QueueAsync(string url) =>
    ((CreateJobResult.Created)await store.CreateAsync(new NewJob(url, "bench-" + Guid.NewGuid().ToString("N")[..8], "ja"), new JobLimits(100000, 100000), default)).Job;

async Task<Job> WaitAsync(string id, Func<Job, bool> done, TimeSpan timeout)
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < timeout)
    {
        var job = await store.GetAsync(id, default);
        if (job is not null && done(job))
        {
            return job;
        }

        await Task.Delay(20);
    }

    throw new TimeoutException($"job {id} did not get there in {timeout}");
}

async Task<List<double>> PickupLatencyAsync(string id, int count, Dictionary<string, string> overrides, TimeSpan spread)
{
    await StartWorkerAsync(id, overrides);
    var latencies = new List<double>();
    var random = new Random(42);
    for (var i = 0; i < count; i++)
    {
        // Arrivals at a random phase of the poll cycle, as real users arrive.
        await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * spread.TotalMilliseconds));
        var job = await QueueAsync(site.Url($"/missing-{id}-{i}"));
        var done = await WaitAsync(job.Id, j => j.IsTerminal, TimeSpan.FromSeconds(30));
        latencies.Add((done.StartedAt!.Value - done.Created).TotalMilliseconds);
    }

    await StopWorkersAsync();
    return latencies;
}

async Task<(double PerMinute, TimeSpan Wall)> ThroughputAsync()
{
    await StartWorkerAsync("pair-a", new() { ["WORKER_POLL_INTERVAL"] = "5" });
    await StartWorkerAsync("pair-b", new() { ["WORKER_POLL_INTERVAL"] = "5" });
    var clock = Stopwatch.StartNew();
    var jobs = new List<Job>();
    for (var i = 0; i < ThroughputJobs; i++)
    {
        jobs.Add(await QueueAsync(site.Url($"/tiny-ja?bench={i}")));
    }

    foreach (var job in jobs)
    {
        var done = await WaitAsync(job.Id, j => j.IsTerminal, TimeSpan.FromMinutes(10));
        if (done.Status != JobStatus.Completed)
        {
            throw new InvalidOperationException($"throughput job failed: {done.ErrorMessage}");
        }
    }

    var wall = clock.Elapsed;
    await StopWorkersAsync();
    return (ThroughputJobs / wall.TotalMinutes, wall);
}

async Task<(double PeakMb, double VideoSeconds, TimeSpan Wall)> PeakMemoryAsync()
{
    var worker = await StartWorkerAsync("memory", new() { ["MAX_CONCURRENT_JOBS"] = "1", ["MAX_VIDEO_DURATION_MINUTES"] = "5" });
    var clock = Stopwatch.StartNew();
    var job = await QueueAsync(site.Url("/huge-ja"));
    var done = await WaitAsync(job.Id, j => j.IsTerminal, TimeSpan.FromMinutes(15));
    var wall = clock.Elapsed;
    if (done.Status != JobStatus.Completed)
    {
        throw new InvalidOperationException($"memory job failed: {done.ErrorMessage}");
    }

    var status = await File.ReadAllLinesAsync($"/proc/{worker.Pid}/status");
    var hwmKb = double.Parse(status.First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    await StopWorkersAsync();
    return (hwmKb / 1024, done.VideoDuration, wall);
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = (p / 100) * (sorted.Count - 1);
    var low = (int)Math.Floor(rank);
    var high = (int)Math.Ceiling(rank);
    return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
}

static string Row(string name, List<double> ms) => string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {ms.Count} | {Percentile(ms, 50):0} ms | {Percentile(ms, 95):0} ms | {ms.Max():0} ms |");
