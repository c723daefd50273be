using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;
using MovieGen.Worker.Options;
using MovieGen.Worker.Purge;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MovieGen.Worker.Tests;

/// <summary>Nothing shared but PocketBase (shared/DESIGN.md §9), with real processes: workers with
/// job directories of their own (hosts without a shared disk) and an API with none, on PocketBase's
/// disk storage and on S3 (s3rver). Every test starts on disk storage: the S3 one switches it, the
/// next one's start switches it back.</summary>
public sealed class MultiHostTests(StackFixture stack) : IClassFixture<StackFixture>, IAsyncLifetime
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(150);

    private readonly List<string> directories = [];

    public async Task InitializeAsync()
    {
        await stack.ResetAsync();
        await stack.Client.SendAsync<JsonElement>(HttpMethod.Patch, "api/settings",
            new Dictionary<string, object> { ["s3"] = new Dictionary<string, object> { ["enabled"] = false } }, default);
    }

    /// <summary>Another host's job directory (the stack's own is the first host's).</summary>
    private string OtherHost()
    {
        var dir = Repo.NewTempDirectory("host");
        directories.Add(dir);
        return dir;
    }

    private Task<AppProcess> StartWorkerAsync(string id, string jobDataDir, IReadOnlyDictionary<string, string>? settings = null)
    {
        var overrides = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["JOB_DATA_DIR"] = jobDataDir,
            ["MAX_CONCURRENT_JOBS"] = "1",
        };
        return stack.StartWorkerAsync(id, overrides);
    }

    /// <summary>The runner deletes a job's directory just after its completion write, so a test
    /// that saw the record complete waits for the directory to go.</summary>
    private static Task ScratchWipedAsync(string host, string because) =>
        Eventually.TrueAsync(() => !Directory.EnumerateFileSystemEntries(host).Any(), TimeSpan.FromSeconds(10), because);

    /// <summary>What the workers logged about one job, and their warnings and errors (a claim
    /// whose answer was lost says only "Could not reach the queue"), for a failure message.</summary>
    private static string LinesAbout(string jobId, params AppProcess[] workers) =>
        string.Join('\n', workers.SelectMany(w => w.Lines.Where(l => l.Contains(jobId, StringComparison.Ordinal) || l.StartsWith("warn", StringComparison.Ordinal) || l.StartsWith("fail", StringComparison.Ordinal))
            .TakeLast(30).Select(l => $"{w.Id}: {l}")));

    private async Task<Uri> StartApiAsync() => (await stack.StartApiAsync()).BaseAddress;

    private Task<Job> QueueAsync(string url) => stack.QueueAsync(url);

    private Task<Job> WaitForAsync(string id, Func<Job, bool> condition, TimeSpan timeout, string because) =>
        stack.WaitForAsync(id, condition, timeout, because);

    private PurgeService PurgeOn(string jobDataDir) => new(stack.Store,
        Microsoft.Extensions.Options.Options.Create(new WorkerOptions { JobDataDir = jobDataDir }), TimeProvider.System, NullLogger<PurgeService>.Instance);

    [Fact]
    public async Task Two_workers_without_a_shared_disk_complete_jobs_an_api_without_one_serves_them_with_ranges_and_the_purge_deletes_the_stored_files()
    {
        var (hostA, hostB) = (stack.DataDir, OtherHost());
        var a = await StartWorkerAsync("host-a", hostA);
        var b = await StartWorkerAsync("host-b", hostB);

        // One slot each, and the first article answers slowly: whichever worker takes the first
        // job is still fetching it when the other takes the second.
        var first = await QueueAsync(stack.Site.SlowSmallJa(1));
        var firstHost = (await WaitForAsync(first.Id, j => j.WorkerId != "", JobTimeout, "a worker took the first job")).WorkerId;
        var second = await QueueAsync(stack.Site.SmallJa(2));
        var secondHost = (await WaitForAsync(second.Id, j => j.WorkerId != "", ArticleSite.SlowAnswer, "the other worker took the second job")).WorkerId;
        var api = await StartApiAsync();

        var done = new[]
        {
            await WaitForAsync(first.Id, j => j.IsTerminal, JobTimeout, "the first job finished"),
            await WaitForAsync(second.Id, j => j.IsTerminal, JobTimeout, "the second job finished"),
        };

        done.ShouldAllBe(j => j.Status == JobStatus.Completed, string.Join(" / ", done.Select(j => j.ErrorMessage)));
        new[] { firstHost, secondHost }.Order().ShouldBe(["host-a", "host-b"]);
        done.Select(j => j.WorkerId).ShouldBe([firstHost, secondHost],
            $"each job completed by the host that took it (a job changes hands only if its holder stops renewing it); second job's lines:\n{LinesAbout(second.Id, a, b)}");
        await ScratchWipedAsync(hostA, "host-a's scratch is wiped when its job ends");
        await ScratchWipedAsync(hostB, "host-b's scratch is wiped when its job ends");
        a.Log.ShouldContain("stores videos and scripts in PocketBase's disk");
        b.HasExited.ShouldBeFalse();
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };
        foreach (var job in done)
        {
            await ServesWithTheRangeContractAsync(http, job);
        }

        done.ShouldAllBe(j => StoredVideo.OnDisk(stack.PocketBase, j.Id).Count == 2, "a video and a script per job on PocketBase's disk");
        foreach (var job in done)
        {
            await stack.Client.UpdateRecordAsync<Job>(JobStore.Collection, job.Id, new { expires_at = PbDate.ToText(DateTimeOffset.UtcNow.AddMinutes(-1)) }, default);
        }

        (await PurgeOn(hostA).PurgeAsync(default)).Expired.ShouldBe(2);
        await Eventually.TrueAsync(() => done.All(j => StoredVideo.OnDisk(stack.PocketBase, j.Id).Count == 0),
            TimeSpan.FromSeconds(20), "PocketBase deleted the purged jobs' files from its disk");
    }

    /// <summary>VideoTests' table, on a real video served from PocketBase storage through the API process.</summary>
    private async Task ServesWithTheRangeContractAsync(HttpClient http, Job job)
    {
        var path = $"api/jobs/{job.Id}/video";
        var whole = await http.GetByteArrayAsync(path);
        var size = whole.Length;
        size.ShouldBe((int)job.VideoSize);
        var file = Path.Combine(Path.GetTempPath(), $"{job.Id}-download.mp4");
        await File.WriteAllBytesAsync(file, whole);
        (await VideoProbe.ReadAsync(file)).VideoCodec.ShouldBe("h264");
        File.Delete(file);

        foreach (var (range, from, to) in new[]
        {
            ("bytes=0-99", 0, 99), ("bytes=100-100", 100, 100), ($"bytes={size - 100}-", size - 100, size - 1),
            ("bytes=-100", size - 100, size - 1), ($"bytes=-{size + 5000}", 0, size - 1), ($"bytes={size - 10}-{size + 5000}", size - 10, size - 1),
            ("bytes=0-", 0, size - 1), ($"bytes={size / 3}-{(size / 3) + 70000}", size / 3, Math.Min(size - 1, (size / 3) + 70000)),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Range", range);
            using var response = await http.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.PartialContent, range);
            response.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes {from}-{to}/{size}", range);
            (await response.Content.ReadAsByteArrayAsync()).ShouldBe(whole[from..(to + 1)], range);
        }

        using var beyond = new HttpRequestMessage(HttpMethod.Get, path);
        beyond.Headers.TryAddWithoutValidation("Range", $"bytes={size}-");
        using var unsatisfiable = await http.SendAsync(beyond);
        unsatisfiable.StatusCode.ShouldBe(HttpStatusCode.RequestedRangeNotSatisfiable);
        unsatisfiable.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes */{size}");

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.ShouldBe(size);
        head.Content.Headers.LastModified.ShouldNotBeNull();
        var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(head.Headers.ETag!);
        using var notModified = await http.SendAsync(conditional);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        var staleIfRange = new HttpRequestMessage(HttpMethod.Get, path);
        staleIfRange.Headers.TryAddWithoutValidation("Range", "bytes=0-9");
        staleIfRange.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"stale\""));
        using var stale = await http.SendAsync(staleIfRange);
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stale.Content.ReadAsByteArrayAsync()).ShouldBe(whole);

        using var download = await http.GetAsync($"{path}?download=1", HttpCompletionOption.ResponseHeadersRead);
        download.Content.Headers.GetValues("Content-Disposition").Single().ShouldBe($"attachment; filename=\"movie_{job.Id}.mp4\"");
    }

    /// <summary>The same on S3 storage: two workers without a shared disk — one killed mid-render,
    /// the other finishing the job from the script stored in the bucket — an API without a disk
    /// serving the video from the bucket with ranges, and the purge emptying the bucket.</summary>
    [Fact]
    public async Task On_S3_storage_a_job_killed_on_one_host_mid_render_completes_on_another_from_its_stored_script_without_asking_the_llm_again()
    {
        await using var s3 = await S3Server.StartAsync();
        using var llm = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        llm.Given(Request.Create().WithPath("/api/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(LlmReply()));
        var settings = new Dictionary<string, string>(s3.Settings())
        {
            ["OPENROUTER_API_KEY"] = "sk-test-multi-host",
            ["OPENROUTER_BASE_URL"] = $"{llm.Urls[0]}/api/v1",
            ["LEASE_SECONDS"] = "4",
        };
        var (hostA, hostB) = (stack.DataDir, OtherHost());
        var a = await StartWorkerAsync("render-a", hostA, settings);
        var job = await QueueAsync(stack.Site.Url("/small-ja?llm"));
        a.Log.ShouldContain($"stores videos and scripts in S3 bucket {S3Server.Bucket}");

        await WaitForAsync(job.Id, j => j.CurrentStep == "video" && j.Script.Length > 0, JobTimeout, "the job renders with its script stored");
        await a.KillAsync();
        foreach (var tool in ProcessTable.ToolsWorkingIn(hostA))
        {
            _ = Signals.Send(tool.Pid, Signals.Kill); // the crashed host's ffmpeg goes with it
        }

        // The short lease is for host-a's held job to come free soon after the crash; host-b holds
        // its claim with the usual lease, so a renewal delayed on a loaded machine does not hand
        // the job round again.
        var b = await StartWorkerAsync("render-b", hostB, new Dictionary<string, string>(settings) { ["LEASE_SECONDS"] = "30" });
        var done = await WaitForAsync(job.Id, j => j.IsTerminal, JobTimeout, "host-b finished the job");

        done.Status.ShouldBe(JobStatus.Completed, done.ErrorMessage);
        (done.WorkerId, done.Attempts).ShouldBe(("render-b", 2));
        llm.LogEntries.Count(e => e.RequestMessage.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).ShouldBe(1, "the LLM wrote the script once");
        b.Log.ShouldContain($"Job {job.Id} resumes from its stored script");
        WorkerLog.StepsRun(b).ShouldBe(["audio", "slides", "video"]);
        await ScratchWipedAsync(hostB, "host-b's scratch is wiped when the job ends");
        Directory.Exists(Path.Combine(hostA, job.Id)).ShouldBeTrue("the crash left host-a's directory for a resume there");
        (await s3.KeysAsync()).Count.ShouldBe(2, "the video and the script, in the bucket");
        StoredVideo.OnDisk(stack.PocketBase, job.Id).ShouldBeEmpty("nothing on PocketBase's disk");
        using var http = new HttpClient { BaseAddress = await StartApiAsync(), Timeout = TimeSpan.FromSeconds(60) };
        await ServesWithTheRangeContractAsync(http, done);

        (await PurgeOn(hostA).PurgeAsync(default)).Orphans.ShouldBe(1);
        Directory.EnumerateFileSystemEntries(hostA).ShouldBeEmpty("host-a purges its own leftovers once the job ended elsewhere");
        await stack.Client.UpdateRecordAsync<Job>(JobStore.Collection, job.Id, new { expires_at = PbDate.ToText(DateTimeOffset.UtcNow.AddMinutes(-1)) }, default);
        (await PurgeOn(hostB).PurgeAsync(default)).Expired.ShouldBe(1);
        await Eventually.TrueAsync(async () => (await s3.KeysAsync()).Count == 0, TimeSpan.FromSeconds(20), "PocketBase deleted the purged job's files from the bucket");
    }

    /// <summary>An OpenAI-style completion whose content is a script long enough that rendering it
    /// takes a while (the test kills the worker during that).</summary>
    private static string LlmReply()
    {
        string[] lines =
        [
            "今日はデータベースの話をするのだ。", "SQLiteは小さな組み込みデータベースです。", "一つのファイルに全部入るのがいいところなのだ。",
            "書き込みが多いときはWALモードが便利です。", "読み書きが同時に進むのだ？", "ええ、読み手を待たせません。",
        ];
        var sections = Enumerable.Range(1, 5).Select(s => new JsonObject
        {
            ["title"] = $"第{s}章 データベースの話",
            ["key_points"] = new JsonArray("小さい", "速い", "便利"),
            ["narrations"] = new JsonArray(lines.Select((text, i) => (JsonNode)new JsonObject
            {
                ["persona_id"] = i % 2 == 0 ? "zundamon" : "metan",
                ["text"] = text,
                ["reading"] = "",
            }).ToArray()),
        }).ToArray();
        var script = new JsonObject { ["title"] = "SQLiteの話", ["description"] = "SQLiteを解説します", ["sections"] = new JsonArray(sections) };
        return new JsonObject
        {
            ["id"] = "gen-multi-host",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["finish_reason"] = "stop",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = script.ToJsonString() },
            }),
        }.ToJsonString();
    }

    public async Task DisposeAsync()
    {
        await stack.ResetAsync();
        foreach (var dir in directories)
        {
            foreach (var tool in ProcessTable.ToolsWorkingIn(dir))
            {
                _ = Signals.Send(tool.Pid, Signals.Kill);
            }

            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // best effort: temp dir
            }
        }
    }
}
