using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Infrastructure;

/// <summary>One real PocketBase per test class, a job store on it for arranging and checking, a
/// temporary directory for files tests make, and API factories with settings of the test's choosing.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string IpHashKey = "test-ip-hash-key-0123456789";

    private readonly List<IAsyncDisposable> factories = [];

    public PocketBaseServer PocketBase { get; private set; } = null!;

    public PocketBaseClient Client { get; private set; } = null!;

    public JobStore Store { get; private set; } = null!;

    public string TempDir { get; } = Repo.NewTempDirectory("api-files");

    public async Task InitializeAsync()
    {
        PocketBase = await PocketBaseServer.StartNewAsync();
        Client = new PocketBaseClient(PocketBase.Options);
        Store = new JobStore(Client, Options.Create(new JobStoreOptions()));
    }

    /// <summary>Settings as <c>.env</c> would give them, for this fixture's PocketBase; limits high
    /// enough not to get in the way unless a test lowers them.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["POCKETBASE_URL"] = PocketBase.Url,
            ["POCKETBASE_PUBLIC_URL"] = PocketBase.Url,
            ["POCKETBASE_ADMIN_EMAIL"] = PocketBaseServer.AdminEmail,
            ["POCKETBASE_ADMIN_PASSWORD"] = PocketBaseServer.AdminPassword,
            ["IP_HASH_KEY"] = IpHashKey,
            ["RATE_LIMIT_PER_DAY"] = "1000",
            ["RATE_LIMIT_PER_MINUTE"] = "1000",
            ["MAX_QUEUE_SIZE"] = "1000",
            ["ALLOW_PRIVATE_URLS"] = "false",
            ["TRUSTED_PROXIES"] = "",
            ["VOICEVOX_URL"] = "",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    public ApiFactory Api(params (string Key, string? Value)[] overrides)
    {
        var factory = new ApiFactory(Settings(overrides));
        factories.Add(factory);
        return factory;
    }

    /// <summary>What the API stores for a client address: HMAC-SHA256 under the test key.</summary>
    public static string KeyOf(string address) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(IpHashKey), Encoding.UTF8.GetBytes(address)));

    public Task<int> JobsOfAsync(string address) =>
        Store.CountAsync(PbFilter.Format("client_ip = {:key}", new { key = KeyOf(address) }), default);

    /// <summary>A pending job created directly in PocketBase, as the API would.</summary>
    public async Task<Job> NewJobAsync(string? url = null)
    {
        var result = await Store.CreateAsync(
            new NewJob(url ?? $"https://news.example/articles/{Guid.NewGuid():N}", KeyOf(TestPeer.NextAddress()), "ja"),
            new JobLimits(1_000_000, 1_000_000), default);
        return ((CreateJobResult.Created)result).Job;
    }

    /// <summary>Writes fields straight into the record as admin (what the worker's writes amount to).</summary>
    public Task<Job> PatchAsync(string id, object fields) => Client.UpdateRecordAsync<Job>(JobStore.Collection, id, fields, default);

    public async Task DisposeAsync()
    {
        foreach (var factory in factories)
        {
            await factory.DisposeAsync();
        }

        Client.Dispose();
        await PocketBase.DisposeAsync();
        try
        {
            Directory.Delete(TempDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: temp dir
        }
    }
}
