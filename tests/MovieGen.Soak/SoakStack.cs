using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Soak;

/// <summary>The real stack on loopback, started as <c>make run</c> starts it: PocketBase, the API
/// process and two worker processes, over a temporary data dir. The job-data directory is a small
/// tmpfs when this machine lets us mount one (so the disk can really fill up).</summary>
public sealed class SoakStack : IAsyncDisposable
{
    public const string IpHashKey = "soak-ip-hash-key-0123456789abcdef";
    public const int PerDay = 5;
    public const int MaxQueue = 100;
    public const string TrustedProxy = "127.0.0.1";

    private readonly List<AppProcess> processes = [];
    private readonly Dictionary<string, double> peakMb = [];
    private readonly Lock gate = new();
    private int workerGeneration;

    private SoakStack(SoakProfile profile, PocketBaseServer pocketBase, string root, string jobDir, bool tmpfs)
    {
        Profile = profile;
        PocketBase = pocketBase;
        Root = root;
        JobDataDir = jobDir;
        IsTmpfs = tmpfs;
        Client = new PocketBaseClient(pocketBase.Options);
        Store = new JobStore(Client, Options.Create(new JobStoreOptions { ExpirationHours = profile.ExpirationHours }));
    }

    public SoakProfile Profile { get; }

    public PocketBaseServer PocketBase { get; }

    public string Root { get; }

    public string JobDataDir { get; }

    public bool IsTmpfs { get; }

    /// <summary>Articles on 127.0.0.2, the one address exempted from the SSRF guard: every other
    /// loopback or private address stays refused, so the hostile SSRF table means something.</summary>
    public ArticleSite Site { get; } = new("127.0.0.2");

    public PocketBaseClient Client { get; }

    public JobStore Store { get; }

    public Uri ApiBase { get; private set; } = null!;

    public AppProcess Api { get; private set; } = null!;

    /// <summary>A second API process configured as <c>.env.example</c> is (no trusted proxy), for
    /// the hostile spoofing class: a made-up X-Forwarded-For must be worthless there too.</summary>
    public Uri DefaultApiBase { get; private set; } = null!;

    public Dictionary<string, AppProcess> Workers { get; } = [];

    public static async Task<SoakStack> StartAsync(SoakProfile profile)
    {
        var root = Repo.NewTempDirectory("soak");
        var jobDir = Path.Combine(root, "jobs");
        Directory.CreateDirectory(jobDir);
        var tmpfs = profile.DiskFull && TryMountTmpfs(jobDir, sizeMb: 400);
        var stack = new SoakStack(profile, await PocketBaseServer.StartNewAsync(), root, jobDir, tmpfs);
        await stack.StartApiAsync();
        await stack.StartWorkerAsync("worker-1");
        await stack.StartWorkerAsync("worker-2");
        return stack;
    }

    public Dictionary<string, string> Environment() => new(PocketBase.Settings())
    {
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["JOB_DATA_DIR"] = JobDataDir,
        ["JOB_EXPIRATION_HOURS"] = Profile.ExpirationHours.ToString(CultureInfo.InvariantCulture),
        ["ALLOW_PRIVATE_URLS"] = "false",
        ["FETCH_ALLOW_ADDRESSES"] = "127.0.0.2",
        ["IP_HASH_KEY"] = IpHashKey,
        ["TRUSTED_PROXIES"] = TrustedProxy,
        ["RATE_LIMIT_PER_DAY"] = PerDay.ToString(CultureInfo.InvariantCulture),
        ["RATE_LIMIT_PER_MINUTE"] = "10",
        ["MAX_QUEUE_SIZE"] = MaxQueue.ToString(CultureInfo.InvariantCulture),
        ["MAX_CONCURRENT_JOBS"] = "2",
        ["WORKER_POLL_INTERVAL"] = "5",
        ["LEASE_SECONDS"] = "10",
        ["MAX_ATTEMPTS"] = "3",
        ["SHUTDOWN_GRACE_SECONDS"] = "0",
        ["WORKER_METRICS_PORT"] = "0",
        ["CLEANUP_CRON"] = "* * * * *",
    };

    private async Task StartApiAsync()
    {
        var apiEnvironment = Environment();
        apiEnvironment.Remove("JOB_DATA_DIR"); // the API shares nothing with the workers but PocketBase
        Api = Track(await AppProcess.StartApiAsync("api", apiEnvironment));
        ApiBase = new Uri(Api.Url + "/");

        // .env.example as it is, but for where the stack lives and the hash key (so jobs can be counted per address).
        var defaults = EnvExample.Read();
        foreach (var key in new[] { "POCKETBASE_URL", "POCKETBASE_PUBLIC_URL", "POCKETBASE_ADMIN_EMAIL", "POCKETBASE_ADMIN_PASSWORD", "IP_HASH_KEY" })
        {
            defaults[key] = Environment()[key];
        }

        var defaultApi = Track(await AppProcess.StartApiAsync("api-defaults", defaults));
        DefaultApiBase = new Uri(defaultApi.Url + "/");
    }

    /// <summary>Starts (or restarts) the worker named <paramref name="name"/>; each start gets a
    /// new WORKER_ID so the jobs it holds tell which life of the worker held them.</summary>
    public async Task<AppProcess> StartWorkerAsync(string name)
    {
        var generation = Interlocked.Increment(ref workerGeneration);
        var worker = Track(AppProcess.Start($"{name}.{generation}", Environment()));
        lock (gate)
        {
            Workers[name] = worker;
        }

        await worker.WaitUntilReadyAsync();
        return worker;
    }

    private AppProcess Track(AppProcess process)
    {
        lock (gate)
        {
            processes.Add(process);
        }

        return process;
    }

    /// <summary>Reads every live process's peak resident memory (VmHWM) and keeps the highest per
    /// role (pocketbase, api, worker).</summary>
    public void SampleMemory()
    {
        var samples = new List<(string Role, int Pid)> { ("pocketbase", PocketBase.Pid ?? 0), ("api", Api.Pid) };
        lock (gate)
        {
            samples.AddRange(Workers.Select(w => ("worker", w.Value.Pid)));
        }

        foreach (var (role, pid) in samples)
        {
            var mb = PeakMb(pid);
            lock (gate)
            {
                peakMb[role] = Math.Max(peakMb.GetValueOrDefault(role), mb);
            }
        }
    }

    public IReadOnlyDictionary<string, double> PeakMemory
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, double>(peakMb);
            }
        }
    }

    public IReadOnlyList<AppProcess> AllWorkerLives
    {
        get
        {
            lock (gate)
            {
                return processes.Where(p => p.Id.StartsWith("worker", StringComparison.Ordinal)).ToList();
            }
        }
    }

    private static double PeakMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0; // exited between listing and reading
        }
    }

    private static bool TryMountTmpfs(string path, int sizeMb)
    {
        try
        {
            using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", $"size={sizeMb}m", "tmpfs", path])
            {
                RedirectStandardError = true,
            })!;
            mount.WaitForExit();
            return mount.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<AppProcess> all;
        lock (gate)
        {
            all = processes.ToList();
        }

        foreach (var process in all)
        {
            await process.DisposeAsync();
        }

        Client.Dispose();
        await PocketBase.DisposeAsync();
        Site.Dispose();
        if (IsTmpfs)
        {
            using var umount = Process.Start("umount", [JobDataDir]);
            await umount.WaitForExitAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: temp dir
        }
    }
}
