using Microsoft.Extensions.Options;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Worker.Tests;

/// <summary>A real PocketBase, a WireMock article site and a job-data directory (a worker host's
/// scratch); starts worker and API processes against them and kills them all at the end, whatever
/// happened.</summary>
public sealed class StackFixture : IAsyncLifetime
{
    private readonly List<AppProcess> workers = [];

    public PocketBaseServer PocketBase { get; private set; } = null!;

    public ArticleSite Site { get; } = new();

    public string DataDir { get; } = Repo.NewTempDirectory("jobs");

    public PocketBaseClient Client { get; private set; } = null!;

    public JobStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PocketBase = await PocketBaseServer.StartNewAsync();
        Client = new PocketBaseClient(PocketBase.Options);
        Store = new JobStore(Client, Microsoft.Extensions.Options.Options.Create(new JobStoreOptions()));
    }

    /// <summary>Settings every test worker gets; <paramref name="overrides"/> win.</summary>
    public Dictionary<string, string> WorkerEnvironment(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var env = new Dictionary<string, string>(PocketBase.Settings())
        {
            ["JOB_DATA_DIR"] = DataDir,
            ["ALLOW_PRIVATE_URLS"] = "true",
            ["MAX_CONCURRENT_JOBS"] = "2",
            ["WORKER_POLL_INTERVAL"] = "1",
            ["LEASE_SECONDS"] = "30", // fault tests that need a quick reclaim set a short lease themselves
            ["MAX_ATTEMPTS"] = "3",
            ["SHUTDOWN_GRACE_SECONDS"] = "0",
            ["WORKER_METRICS_PORT"] = "0",
            ["CLEANUP_CRON"] = "0 0 1 1 *",
            ["PROGRESS_INTERVAL_MS"] = "100",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return env;
    }

    public async Task<AppProcess> StartWorkerAsync(string id, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var worker = AppProcess.Start(id, WorkerEnvironment(overrides));
        lock (workers)
        {
            workers.Add(worker);
        }

        await worker.WaitUntilReadyAsync();
        return worker;
    }

    /// <summary>The API as its own process on a free loopback port, sharing only this stack's
    /// PocketBase (as <c>make run</c> starts it; it has no job directory).</summary>
    public async Task<(AppProcess Api, Uri BaseAddress)> StartApiAsync()
    {
        var env = new Dictionary<string, string>(PocketBase.Settings())
        {
            ["IP_HASH_KEY"] = "worker-tests-ip-hash-key",
            ["ALLOW_PRIVATE_URLS"] = "true",
            ["DOTNET_ENVIRONMENT"] = "Development",
        };
        var api = await AppProcess.StartApiAsync("api", env);
        lock (workers)
        {
            workers.Add(api);
        }

        return (api, new Uri(api.Url + "/"));
    }

    public async Task<Job> QueueAsync(string url, string client = "worker-tests", string lang = "ja")
    {
        var result = await Store.CreateAsync(new NewJob(url, client + Guid.NewGuid().ToString("N")[..6], lang), new JobLimits(1000, 1000), default);
        return result switch
        {
            CreateJobResult.Created c => c.Job,
            _ => throw new InvalidOperationException($"Could not queue {url}: {result}"),
        };
    }

    public Task<Job> WaitForAsync(string id, Func<Job, bool> condition, TimeSpan timeout, string because) =>
        Eventually.ReturnsAsync(async () => (await Store.GetAsync(id, default))!, condition, timeout, because, TimeSpan.FromMilliseconds(100));

    /// <summary>Stops every worker, empties the queue and the job directory, so tests in one class do not meet.</summary>
    public async Task ResetAsync()
    {
        AppProcess[] running;
        lock (workers)
        {
            running = workers.ToArray();
            workers.Clear();
        }

        foreach (var worker in running)
        {
            await worker.DisposeAsync();
        }

        await foreach (var job in Store.ListAllAsync(null, null, default))
        {
            await Store.DeleteAsync(job.Id, default);
        }

        foreach (var tool in ProcessTable.ToolsWorkingIn(DataDir))
        {
            _ = Signals.Send(tool.Pid, Signals.Kill); // left by a worker a test killed with signal 9
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(DataDir))
        {
            try
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
            catch (IOException)
            {
                // a file still being written by a dying tool: the next test's assertions name their own jobs
            }
        }
    }

    public async Task DisposeAsync()
    {
        await ResetAsync();
        Client.Dispose();
        await PocketBase.DisposeAsync();
        Site.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: temp dir
        }
    }
}
