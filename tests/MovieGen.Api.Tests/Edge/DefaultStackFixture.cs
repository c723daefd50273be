using System.Security.Cryptography;
using System.Text;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Edge;

/// <summary>The API as its own process on a real Kestrel socket, configured exactly as
/// <c>.env.example</c> (what <c>make run</c> gives a new user: no trusted proxy, a daily quota of
/// 5, a burst limit of 10 a minute), in front of a real PocketBase. Only where things live is
/// changed: ports and data directories.</summary>
public sealed class DefaultStackFixture : IAsyncLifetime
{
    public Dictionary<string, string> Defaults { get; } = EnvExample.Read();

    public PocketBaseServer PocketBase { get; private set; } = null!;

    public AppProcess Api { get; private set; } = null!;

    public Uri BaseAddress => new(Api.Url + "/");

    public async Task InitializeAsync()
    {
        PocketBase = await PocketBaseServer.StartNewAsync();
        var env = new Dictionary<string, string>(Defaults);
        foreach (var (key, value) in PocketBase.Settings())
        {
            env[key] = value;
        }

        Api = await AppProcess.StartApiAsync("api-defaults", env);
    }

    /// <summary>A client whose connections come from <paramref name="peer"/> (a loopback address).</summary>
    public HttpClient ClientFrom(string peer) => LoopbackClient.From(peer, BaseAddress);

    /// <summary>The client key the API stores for an address, under .env.example's IP_HASH_KEY.</summary>
    public string KeyOf(string address) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Defaults["IP_HASH_KEY"]), Encoding.UTF8.GetBytes(address)));

    public int Setting(string name) => int.Parse(Defaults[name], System.Globalization.CultureInfo.InvariantCulture);

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await PocketBase.DisposeAsync();
    }
}
