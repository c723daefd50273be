using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Options;
using MovieGen.Bench.Api;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;
using static MovieGen.Bench.Api.Stats;

// API benchmark (issue 4): (a) how long a progress write takes to reach a viewer, with PocketBase
// realtime (1, 100, 500 SSE subscribers speaking the JS SDK's protocol) beside the reference
// design's 2-second polling; (b) HTTP requests per viewer-minute of both; (c) POST /api/jobs
// throughput for accepted and refused requests; (d, issue 13) video delivery from PocketBase storage
// beside a local file, and the upload per MB. Real PocketBase, the API as a process, loopback only.
// `--delivery-only` runs (d) alone.
if (args is ["--serve-file", var servedFile, ..])
{
    return await FileServer.RunAsync(servedFile, args[2..]);
}

var outPath = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
var onlyDelivery = args.Contains("--delivery-only");
int[] viewerCounts = [1, 100, 500];
const int RealtimeUpdates = 40;
const int PollingUpdates = 4;
const int LoadConcurrency = 16;
var loadRound = TimeSpan.FromSeconds(2);
const int LoadRounds = 3;
var clock = Stopwatch.StartNew();

await using var pocketBase = await PocketBaseServer.StartNewAsync();
using var pb = new PocketBaseClient(pocketBase.Options);
var store = new JobStore(pb, Options.Create(new JobStoreOptions()));
var worker = new ClaimRequest("bench-writer", TimeSpan.FromMinutes(10), 3);

Dictionary<string, string> Settings(params (string Key, string Value)[] overrides)
{
    var settings = new Dictionary<string, string>(pocketBase.Settings())
    {
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["Logging__LogLevel__Default"] = "Warning",
        ["IP_HASH_KEY"] = "bench-ip-hash-key-0123456789",
        ["TRUSTED_PROXIES"] = "127.0.0.1",
        ["RATE_LIMIT_PER_DAY"] = "1000000",
        ["RATE_LIMIT_PER_MINUTE"] = "1000000",
        ["MAX_QUEUE_SIZE"] = "1000000",
    };
    foreach (var (key, value) in overrides)
    {
        settings[key] = value;
    }

    return settings;
}

using var sse = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    Timeout = Timeout.InfiniteTimeSpan,
};
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096 }) { Timeout = TimeSpan.FromSeconds(30) };
var report = new StringBuilder();

if (onlyDelivery)
{
    await DeliveryBench.WriteAsync(report);
    return await WriteReportAsync();
}

await using var api = await AppProcess.StartApiAsync("api", Settings());

var writes = new List<double>();
var realtime = new Dictionary<int, (List<double> Samples, double RequestsPerViewer, TimeSpan Connected)>();
foreach (var viewers in viewerCounts)
{
    Console.Error.WriteLine($"realtime latency, {viewers} subscribers x {RealtimeUpdates} updates…");
    realtime[viewers] = await RealtimeAsync(viewers, writes);
}

var polling = new Dictionary<int, (List<double> Samples, double RequestsPerMinute)>();
foreach (var viewers in viewerCounts)
{
    Console.Error.WriteLine($"2 s polling latency, {viewers} pollers x {PollingUpdates} updates…");
    polling[viewers] = await PollingAsync(api.Url, viewers);
}

Console.Error.WriteLine("POST /api/jobs throughput…");
await using var burstLimited = await AppProcess.StartApiAsync("api-burst", Settings(("RATE_LIMIT_PER_MINUTE", "1")));
await using var quotaLimited = await AppProcess.StartApiAsync("api-quota", Settings(("RATE_LIMIT_PER_DAY", "1")));
var sequence = 0;
string NewClient() => $"198.18.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";
string NewArticle() => $"http://93.184.215.14/bench/article-{Interlocked.Increment(ref sequence)}";
var load = new List<(string Name, string Outcome, LoadResult Result)>
{
    ("accepted (new job, each from its own client)", "201", await LoadAsync(api.Url, () => Post(NewArticle(), NewClient()), HttpStatusCode.Created, DrainQueueAsync)),
    ("refused: invalid URL", "400", await LoadAsync(api.Url, () => Post("ftp://news.example/a", NewClient()), HttpStatusCode.BadRequest)),
    ("refused: burst limit (one client)", "429", await LoadAsync(burstLimited.Url, () => Post(NewArticle(), "198.18.0.1"), HttpStatusCode.TooManyRequests)),
    ("refused: daily quota (one client; PocketBase transaction)", "429", await LoadAsync(quotaLimited.Url, () => Post(NewArticle(), "198.18.0.2"), HttpStatusCode.TooManyRequests)),
    ("for comparison: PocketBase's create route called directly, no API", "201", await MeasureAsync(
        async () => await store.CreateAsync(new NewJob(NewArticle(), NewClient(), "ja"), new JobLimits(1_000_000, 1_000_000), default) is CreateJobResult.Created,
        DrainQueueAsync)),
};

Write(realtime, polling, load, writes);
report.AppendLine();
await DeliveryBench.WriteAsync(report);

return await WriteReportAsync();

async Task<int> WriteReportAsync()
{
    Console.WriteLine(report.ToString());
    if (outPath is not null)
    {
        await File.WriteAllTextAsync(outPath, report.ToString());
    }

    return 0;
}

async Task<Job> NewRunningJobAsync()
{
    var created = (CreateJobResult.Created)await store.CreateAsync(
        new NewJob($"https://news.example/bench/{Guid.NewGuid():N}", "bench", "ja"), new JobLimits(1_000_000, 1_000_000), default);
    while (true)
    {
        var claimed = (await store.ClaimAsync(worker, default)).Job ?? throw new InvalidOperationException("Nothing to claim.");
        if (claimed.Id == created.Job.Id)
        {
            return claimed;
        }
    }
}

async Task<(List<double>, double, TimeSpan)> RealtimeAsync(int count, List<double> writes)
{
    var job = await NewRunningJobAsync();
    var viewers = new List<RealtimeViewer>();
    using var gate = new SemaphoreSlim(50);
    viewers.AddRange(await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
    {
        await gate.WaitAsync();
        try
        {
            return await RealtimeViewer.ConnectAsync(sse, pocketBase.Url, job.Id);
        }
        finally
        {
            gate.Release();
        }
    })));
    var connected = Stopwatch.StartNew();

    var samples = new List<double>();
    try
    {
        for (var progress = 1; progress <= RealtimeUpdates; progress++)
        {
            var arrivals = viewers.Select(v => v.SeenAsync(progress)).ToArray();
            var written = Stopwatch.GetTimestamp();
            await store.UpdateAsync(job.Id, worker.WorkerId, worker.Lease, new JobUpdate { Progress = progress }, default);
            writes.Add(ElapsedMs(written, Stopwatch.GetTimestamp()));
            var all = Task.WhenAll(arrivals);
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(15))) != all)
            {
                throw new TimeoutException($"Not every subscriber saw progress {progress} within 15 s.");
            }

            samples.AddRange(all.Result.Select(at => ElapsedMs(written, at)));
            await Task.Delay(50);
        }

        return (samples, viewers.Average(v => v.Requests), connected.Elapsed);
    }
    finally
    {
        foreach (var viewer in viewers)
        {
            await viewer.DisposeAsync();
        }
    }
}

async Task<(List<double>, double)> PollingAsync(string api, int count)
{
    var job = await NewRunningJobAsync();
    var pollers = Enumerable.Range(0, count).Select(_ => new Poller(http, api, job.Id)).ToList();
    var samples = new List<double>();
    try
    {
        await Task.Delay(Poller.Interval + TimeSpan.FromMilliseconds(200));
        for (var progress = 1; progress <= PollingUpdates; progress++)
        {
            var arrivals = pollers.Select(p => p.SeenAsync(progress)).ToArray();
            var written = Stopwatch.GetTimestamp();
            await store.UpdateAsync(job.Id, worker.WorkerId, worker.Lease, new JobUpdate { Progress = progress }, default);
            var all = Task.WhenAll(arrivals);
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(15))) != all)
            {
                throw new TimeoutException($"Not every poller saw progress {progress} within 15 s.");
            }

            samples.AddRange(all.Result.Select(at => ElapsedMs(written, at)));
            await Task.Delay(Random.Shared.Next(100, 600));
        }
    }
    finally
    {
        foreach (var poller in pollers)
        {
            await poller.DisposeAsync();
        }
    }

    var minutes = pollers.Sum(p => p.Running.TotalMinutes);
    return (samples, pollers.Sum(p => p.Requests) / minutes);
}

HttpRequestMessage Post(string url, string client)
{
    var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { url }) };
    request.Headers.Add("X-Forwarded-For", client);
    return request;
}

// Workers take jobs off the queue as they come; without them every accepted job would stay pending
// and each create would scan a queue growing by thousands. Cancelling is the cheapest way off it.
async Task DrainQueueAsync()
{
    var pending = new List<string>();
    await foreach (var job in store.ListAllAsync("status = 'pending'", null, default))
    {
        pending.Add(job.Id);
    }

    await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) => await store.CancelAsync(id, ct));
}

async Task<LoadResult> LoadAsync(string api, Func<HttpRequestMessage> make, HttpStatusCode expected, Func<Task>? betweenRounds = null)
{
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(api) };
    return await MeasureAsync(async () =>
    {
        using var response = await client.SendAsync(make());
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == expected;
    }, betweenRounds);
}

async Task<LoadResult> MeasureAsync(Func<Task<bool>> call, Func<Task>? betweenRounds = null)
{
    await RoundAsync(TimeSpan.FromMilliseconds(500)); // warm-up: JIT, connections, token
    var rounds = new List<(double PerSecond, List<double> Latencies, int Unexpected)>();
    for (var i = 0; i < LoadRounds; i++)
    {
        if (betweenRounds is not null)
        {
            await betweenRounds();
        }

        rounds.Add(await RoundAsync(loadRound));
    }

    var perSecond = rounds.Select(r => r.PerSecond).ToList();
    var latencies = rounds.SelectMany(r => r.Latencies).ToList();
    return new LoadResult(Median(perSecond), perSecond, Percentile(latencies, 50), Percentile(latencies, 99), rounds.Sum(r => r.Unexpected), latencies.Count);

    async Task<(double, List<double>, int)> RoundAsync(TimeSpan duration)
    {
        var latencies = new List<double>();
        var unexpected = 0;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, LoadConcurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var sent = Stopwatch.GetTimestamp();
                var ok = await call();
                var took = ElapsedMs(sent, Stopwatch.GetTimestamp());
                lock (latencies)
                {
                    latencies.Add(took);
                    if (!ok)
                    {
                        unexpected++;
                    }
                }
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (latencies.Count / seconds, latencies, unexpected);
    }
}

void Write(
    Dictionary<int, (List<double> Samples, double RequestsPerViewer, TimeSpan Connected)> realtime,
    Dictionary<int, (List<double> Samples, double RequestsPerMinute)> polling,
    List<(string Name, string Outcome, LoadResult Result)> load,
    List<double> writes)
{
    var inv = CultureInfo.InvariantCulture;
    report.AppendLine("## API (issue 4)");
    report.AppendLine();
    report.Append(inv, $"`dotnet artifacts/bin/MovieGen.Bench.Api/debug/MovieGen.Bench.Api.dll --out <file>` (run by `make bench`; {clock.Elapsed.TotalSeconds:0} s). ")
       .Append(inv, $"Machine: {Environment.ProcessorCount} cores, {Machine.CpuModel()}, {Machine.MemoryGiB():0} GiB RAM. PocketBase 0.22.20 and the API (as a process, ")
       .AppendLine("`dotnet MovieGen.Api.dll`) on 127.0.0.1; the clients run in this process.");
    report.AppendLine();
    report.AppendLine("### (a) From a progress write to a viewer seeing it");
    report.AppendLine();
    report.Append(inv, $"A job is claimed and its progress written through the worker's route (`JobStore.UpdateAsync`), {RealtimeUpdates} times for realtime and {PollingUpdates} times for polling; ")
       .Append("latency = from the start of the write to the moment each viewer has the new value. Realtime viewers speak the JS SDK's protocol ")
       .Append("(`GET /api/realtime` → `PB_CONNECT` → `POST /api/realtime {clientId, subscriptions: [\"jobs/ID\"]}`), all watching the same job, so every write fans out to all of them. ")
       .AppendLine("Pollers call `GET /api/jobs/{id}` on the API every 2 s from a random point of the cycle, as the reference design's page did.");
    report.AppendLine();
    report.AppendLine("| viewers | how | samples | p50 ms | p95 ms | p99 ms | max ms |");
    report.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
    foreach (var viewers in viewerCounts)
    {
        report.AppendLine(Row(viewers, "realtime (SSE)", realtime[viewers].Samples));
    }

    foreach (var viewers in viewerCounts)
    {
        report.AppendLine(Row(viewers, "2 s polling", polling[viewers].Samples));
    }

    var p95At500 = Percentile(realtime[500].Samples, 95);
    report.AppendLine();
    report.Append(inv, $"- p50 with realtime is **{Median(polling[500].Samples) / Median(realtime[500].Samples):0}×** lower than with 2 s polling at 500 viewers ")
       .AppendLine(inv, $"({Ms(Median(realtime[500].Samples))} ms vs {Ms(Median(polling[500].Samples))} ms).");
    report.AppendLine(inv, $"- Target p95 ≤ 50 ms at 500 subscribers: **{Ms(p95At500)} ms — {(p95At500 <= 50 ? "met" : "not met")}**.");
    report.AppendLine(inv, $"- The write itself (the worker's transactional update route) took p50 {Ms(Median(writes))} ms, p95 {Ms(Percentile(writes, 95))} ms of that; the rest is PocketBase fanning the event out, and the subscribers (all in this process, on the same {Environment.ProcessorCount} cores as PocketBase) reading it.");
    report.AppendLine();

    report.AppendLine("### (b) HTTP requests per viewer-minute");
    report.AppendLine();
    var perViewer = realtime[500].RequestsPerViewer;
    var pollPerMinute = polling.Values.Select(p => p.RequestsPerMinute).Average();
    report.Append(inv, $"Measured: a realtime viewer makes **{perViewer:0.#} requests** when the page opens (the SSE stream, the subscription POST, the first read of the record) and none after that ")
       .Append(inv, $"while connected (none in {realtime[500].Connected.TotalSeconds:0} s here; PocketBase closes only *idle* streams, after 5 minutes, and a running job is written at least every minute; ")
       .Append("while a job is still queued the page also asks the API for its queue position every 15 s, which this table leaves out). ")
       .AppendLine(inv, $"A polling viewer made **{pollPerMinute:0.0} requests per minute** (measured over all pollers). Per viewer-minute, for a page watched for:");
    report.AppendLine();
    report.AppendLine("| watched for | realtime req/min | polling req/min | fewer with realtime |");
    report.AppendLine("|---:|---:|---:|---:|");
    foreach (var minutes in new[] { 1, 3, 10 })
    {
        var rt = perViewer / minutes;
        report.AppendLine(inv, $"| {minutes} min | {rt:0.00} | {pollPerMinute:0.0} | {pollPerMinute / rt:0}× |");
    }

    var typical = pollPerMinute / (perViewer / 3);
    report.AppendLine();
    report.Append(inv, $"- Target ≥ 20× fewer requests per viewer-minute, for a page open for a typical 3-minute job: **{typical:0}× — {(typical >= 20 ? "met" : "not met")}** ")
        .AppendLine("(a page watched for under ~2 minutes saves less, since its 3 set-up requests dominate).");
    report.AppendLine();

    report.AppendLine("### (c) `POST /api/jobs` throughput on loopback");
    report.AppendLine();
    report.Append(inv, $"{LoadConcurrency} concurrent clients for {LoadRounds} rounds of {loadRound.TotalSeconds:0} s after a warm-up; req/s is the median round. ")
       .AppendLine("Requests arrive through a trusted proxy (`X-Forwarded-For`), so \"accepted\" requests come from many clients, as in production; refusals are checked in order: URL, SSRF guard, burst limit, then PocketBase.");
    report.AppendLine();
    report.AppendLine("| request | answer | req/s (median) | rounds | p50 ms | p99 ms | other answers |");
    report.AppendLine("|---|---:|---:|---|---:|---:|---:|");
    foreach (var (name, outcome, r) in load)
    {
        report.AppendLine(inv, $"| {name} | {outcome} | **{r.PerSecond:0}** | {string.Join(" / ", r.Rounds.Select(x => x.ToString("0", inv)))} | {Ms(r.P50)} | {Ms(r.P99)} | {r.Unexpected} of {r.Requests} |");
    }

    report.AppendLine();
    report.Append(inv, $"- A request refused by the burst limiter costs **{load[2].Result.PerSecond / load[0].Result.PerSecond:0.0}×** less than an accepted one ")
       .Append("(no PocketBase call); a daily-quota refusal needs one PocketBase transaction that only reads. ")
       .Append(inv, $"An accepted request is bounded by PocketBase's serialised write transaction: its create route alone manages {load[4].Result.PerSecond:0} req/s, ")
       .AppendLine(inv, $"the API around it {load[0].Result.PerSecond:0} req/s (it also counts the queue position for the answer).");
}

static string Row(int viewers, string how, List<double> samples) => string.Create(CultureInfo.InvariantCulture,
    $"| {viewers} | {how} | {samples.Count} | {Ms(Percentile(samples, 50))} | {Ms(Percentile(samples, 95))} | {Ms(Percentile(samples, 99))} | {Ms(samples.Max())} |");

internal sealed record LoadResult(double PerSecond, List<double> Rounds, double P50, double P99, int Unexpected, int Requests);
