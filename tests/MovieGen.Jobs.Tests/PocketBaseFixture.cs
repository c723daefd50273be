using Microsoft.Extensions.Options;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Jobs.Tests;

/// <summary>One real PocketBase per test class, with a client and a job store on it.</summary>
public sealed class PocketBaseFixture : IAsyncLifetime
{
    public PocketBaseServer Server { get; private set; } = null!;

    public PocketBaseClient Client { get; private set; } = null!;

    public JobStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PocketBaseServer.StartNewAsync();
        Client = new PocketBaseClient(Server.Options);
        Store = new JobStore(Client, Options.Create(new JobStoreOptions { ExpirationHours = 24 }));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh client of its own (own token, own realtime connection).</summary>
    public PocketBaseClient NewClient(PocketBaseOptions? options = null) => new(options ?? Server.Options);

    public static NewJob NewJob(string client, int n = 0) => new($"https://example.com/articles/{n}", client, "ja");

    public static readonly JobLimits Generous = new(1000, 1000);
}
