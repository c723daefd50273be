using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;
using static MovieGen.Bench.Api.Stats;

namespace MovieGen.Bench.Api;

/// <summary>Issue 13: <c>GET /api/jobs/{id}/video</c> served by the API from PocketBase's storage —
/// its disk, and S3 (s3rver on loopback) — beside the same file served from a local disk by ASP.NET's
/// file result in a process of its own (what the API did before it shared nothing): time to first
/// byte, a 64 KiB range, throughput, and the worker's upload per MB. All in one run, interleaved
/// round by round, so the ratios compare like with like.</summary>
public static class DeliveryBench
{
    private const int VideoMiB = 64;
    private const int LatencyRounds = 40;
    private const int ThroughputRounds = 5;
    private const int UploadRounds = 3;

    /// <summary>The worker the bench uploads as: the files route stores only for the job's holder.</summary>
    private const string Uploader = "bench-uploader";

    public static async Task WriteAsync(StringBuilder report)
    {
        var inv = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var loadBefore = LoadAverage();
        var dir = Repo.NewTempDirectory("bench-delivery");
        var video = Path.Combine(dir, "output.mp4");
        var small = Path.Combine(dir, "small.mp4");
        await WriteRandomAsync(video, VideoMiB * 1024 * 1024);
        await WriteRandomAsync(small, 1024 * 1024);

        await using var s3 = await S3Server.StartAsync();
        await using var diskPb = await PocketBaseServer.StartNewAsync();
        await using var s3Pb = await PocketBaseServer.StartNewAsync();
        using var diskClient = new PocketBaseClient(diskPb.Options);
        using var s3Client = new PocketBaseClient(s3Pb.Options);
        await S3Server.UseOnAsync(s3Client, s3.Endpoint);
        var diskStore = new JobStore(diskClient, Options.Create(new JobStoreOptions()));
        var s3Store = new JobStore(s3Client, Options.Create(new JobStoreOptions()));

        Console.Error.WriteLine("delivery: uploads…");
        var uploads = new Dictionary<string, (List<double> Big, List<double> Small)>
        {
            ["PocketBase disk"] = ([], []),
            ["PocketBase S3 (s3rver)"] = ([], []),
        };
        var jobs = new Dictionary<string, Job>();
        for (var round = 0; round < UploadRounds; round++)
        {
            foreach (var (name, store) in new[] { ("PocketBase disk", diskStore), ("PocketBase S3 (s3rver)", s3Store) })
            {
                var job = await NewJobAsync(store);
                var claimed = (await store.ClaimAsync(new ClaimRequest(Uploader, TimeSpan.FromMinutes(10), 3), default)).Job;
                if (claimed?.Id != job.Id)
                {
                    throw new InvalidOperationException($"The bench claimed {claimed?.Id ?? "nothing"}, not its job {job.Id}.");
                }

                uploads[name].Small.Add(await TimeAsync(() => store.StoreVideoAsync(job.Id, Uploader, small, null, 1024 * 1024, 60, default)));
                uploads[name].Big.Add(await TimeAsync(() => store.StoreVideoAsync(job.Id, Uploader, video, null, VideoMiB * 1024L * 1024, 60, default)));
                jobs[name] = await StoredVideo.CompleteAsync(store, job.Id);
            }
        }

        await using var local = await FileServer.StartAsync(video);
        await using var diskApi = await AppProcess.StartApiAsync("api-disk", ApiSettings(diskPb));
        await using var s3Api = await AppProcess.StartApiAsync("api-s3", ApiSettings(s3Pb));
        var targets = new (string Name, string Url)[]
        {
            ("local file (ASP.NET file result, own process)", $"{local.Url}/video"),
            ("PocketBase disk, through the API", $"{diskApi.Url}/api/jobs/{jobs["PocketBase disk"].Id}/video"),
            ("PocketBase S3 (s3rver), through the API", $"{s3Api.Url}/api/jobs/{jobs["PocketBase S3 (s3rver)"].Id}/video"),
        };
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { Timeout = TimeSpan.FromMinutes(2) };
        var results = targets.ToDictionary(t => t.Name, _ => (Ttfb: new List<double>(), Range: new List<double>(), Throughput: new List<double>()));
        Console.Error.WriteLine("delivery: warm-up, time to first byte, ranges…");
        foreach (var (_, url) in targets)
        {
            await TtfbAsync(http, url);
            await RangeAsync(http, url);
        }

        for (var round = 0; round < LatencyRounds; round++)
        {
            foreach (var (name, url) in targets)
            {
                results[name].Ttfb.Add(await TtfbAsync(http, url));
                results[name].Range.Add(await RangeAsync(http, url));
            }
        }

        Console.Error.WriteLine("delivery: throughput…");
        for (var round = 0; round < ThroughputRounds; round++)
        {
            foreach (var (name, url) in targets)
            {
                results[name].Throughput.Add(await ThroughputAsync(http, url));
            }
        }

        var loadAfter = LoadAverage();
        var baseline = results[targets[0].Name];
        report.AppendLine("## Video delivery from PocketBase storage (issue 13)");
        report.AppendLine();
        report.Append(inv, $"Part of the API benchmark ({clock.Elapsed.TotalSeconds:0} s). A {VideoMiB} MiB video stored on a job record in two PocketBase 0.22.20 servers — one keeping files on its disk, one in S3 ")
            .Append("(npm `s3rver` on 127.0.0.1) — and served by an API process from each (`StoredVideoStream`: ranged reads of PocketBase's `/api/files/…`, streamed, ")
            .Append("ASP.NET's file result doing Range/ETag/HEAD); beside it the same file served from a local disk by ASP.NET's file result in a process of its own, ")
            .Append(inv, $"as the API served videos before. Medians of {LatencyRounds} rounds (latency) and {ThroughputRounds} rounds (throughput), the targets taking turns within each round; ")
            .Append("one client in this process, so a ratio is the cost of the extra hop for one viewer. ")
            .AppendLine(inv, $"Load average (1 min) of this shared machine: {loadBefore} before, {loadAfter} after.");
        report.AppendLine();
        report.AppendLine("| served from | first byte p50 ms | 64 KiB range p50 ms | whole file MB/s (p50) | first byte vs local | throughput vs local |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, _) in targets)
        {
            var r = results[name];
            report.AppendLine(inv, $"| {name} | {Ms(Median(r.Ttfb))} | {Ms(Median(r.Range))} | {Median(r.Throughput):0} | {Median(r.Ttfb) / Median(baseline.Ttfb):0.0}× | {Median(r.Throughput) / Median(baseline.Throughput):0.00}× |");
        }

        report.AppendLine();
        report.AppendLine("The worker's upload (`JobStore.StoreVideoAsync`: one multipart POST to the files route, streamed from disk; PocketBase answers once the file is in its storage and named on the record):");
        report.AppendLine();
        report.AppendLine("| storage | 1 MiB upload p50 ms | 64 MiB upload p50 s | per MB (64 MiB) |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var (name, (big, smallUploads)) in uploads)
        {
            report.AppendLine(inv, $"| {name} | {Ms(Median(smallUploads))} | {Median(big) / 1000:0.00} | {Ms(Median(big) / VideoMiB / 1.048576)} ms |");
        }

        report.AppendLine();
        report.AppendLine(inv, $"A finished video of the default 5 minutes at 1280×720 is a few MB (185 kbit/s measured at 1920×1080), so storing it costs well under a second against the tens of seconds of its render.");
        Directory.Delete(dir, recursive: true);
    }

    private static Dictionary<string, string> ApiSettings(PocketBaseServer pocketBase) => new(pocketBase.Settings())
    {
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["Logging__LogLevel__Default"] = "Warning",
        ["IP_HASH_KEY"] = "bench-ip-hash-key-0123456789",
    };

    /// <summary>PocketBase's storage settings as the worker writes them (camelCase: a dictionary).</summary>
    private static async Task<Job> NewJobAsync(JobStore store) =>
        ((CreateJobResult.Created)await store.CreateAsync(new NewJob($"https://news.example/{Guid.NewGuid():N}", "bench", "ja"), new JobLimits(1_000_000, 1_000_000), default)).Job;

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var start = Stopwatch.GetTimestamp();
        await work();
        return ElapsedMs(start, Stopwatch.GetTimestamp());
    }

    /// <summary>From sending a GET of the whole video to holding its first byte (the connection is
    /// then dropped, as a player seeking elsewhere does).</summary>
    private static async Task<double> TtfbAsync(HttpClient http, string url)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var one = new byte[1];
        if (await body.ReadAsync(one) != 1)
        {
            throw new InvalidOperationException($"{url} sent no body.");
        }

        return ElapsedMs(start, Stopwatch.GetTimestamp());
    }

    private static async Task<double> RangeAsync(HttpClient http, string url)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(VideoMiB * 1024L * 512, (VideoMiB * 1024L * 512) + 65535);
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.PartialContent || bytes.Length != 65536)
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} with {bytes.Length} bytes to a 64 KiB range.");
        }

        return ElapsedMs(start, Stopwatch.GetTimestamp());
    }

    /// <summary>MB/s of reading the whole video.</summary>
    private static async Task<double> ThroughputAsync(HttpClient http, string url)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        if (total != VideoMiB * 1024L * 1024)
        {
            throw new InvalidOperationException($"{url} sent {total} bytes.");
        }

        return total / 1e6 / (ElapsedMs(start, Stopwatch.GetTimestamp()) / 1000);
    }

    private static async Task WriteRandomAsync(string path, int bytes)
    {
        var data = new byte[bytes];
        new Random(13).NextBytes(data);
        await File.WriteAllBytesAsync(path, data);
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
