using MovieGen.Api.Clients;

namespace MovieGen.Api.Tests.Api;

/// <summary>Whose quota a request counts against. With a daily quota of 1, a second job from the
/// "same" client is refused, which shows who the API took the client to be.</summary>
public sealed class ClientAddressTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private const string Proxy = "10.9.3.4";

    private readonly ApiFactory api = fx.Api(("RATE_LIMIT_PER_DAY", "1"), ("TRUSTED_PROXIES", "10.9.0.0/16, 192.0.2.10"));

    private static HttpRequestMessage Post(string url, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { url }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    [Fact]
    public async Task X_Forwarded_For_from_an_untrusted_peer_is_ignored()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        using var first = await client.SendAsync(Post("https://news.example/xff/1", "203.0.113.1"));
        using var second = await client.SendAsync(Post("https://news.example/xff/2", "203.0.113.2"));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var stored = await fx.Store.GetAsync((await first.JsonAsync()).GetProperty("id").GetString()!, default);
        stored!.ClientIp.ShouldBe(ApiFixture.KeyOf(peer));
    }

    [Fact]
    public async Task X_Forwarded_For_from_a_trusted_proxy_names_the_client()
    {
        using var viaProxy = api.ClientFrom(Proxy);

        using var alice = await viaProxy.SendAsync(Post("https://news.example/proxy/1", "203.0.113.50"));
        using var bob = await viaProxy.SendAsync(Post("https://news.example/proxy/2", "203.0.113.51"));
        using var aliceAgain = await viaProxy.SendAsync(Post("https://news.example/proxy/3", "203.0.113.50"));

        alice.StatusCode.ShouldBe(HttpStatusCode.Created);
        bob.StatusCode.ShouldBe(HttpStatusCode.Created);
        aliceAgain.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var stored = await fx.Store.GetAsync((await alice.JsonAsync()).GetProperty("id").GetString()!, default);
        stored!.ClientIp.ShouldBe(ApiFixture.KeyOf("203.0.113.50"));
    }

    [Fact]
    public async Task A_client_cannot_hide_behind_addresses_it_prepends_to_X_Forwarded_For()
    {
        using var viaProxy = api.ClientFrom("192.0.2.10");

        using var first = await viaProxy.SendAsync(Post("https://news.example/spoof/1", "1.1.1.1, 203.0.113.77"));
        using var second = await viaProxy.SendAsync(Post("https://news.example/spoof/2", "8.8.8.8, 203.0.113.77"));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await fx.JobsOfAsync("203.0.113.77")).ShouldBe(1);
    }

    [Fact]
    public async Task The_client_address_is_stored_only_as_a_keyed_hash()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        using var response = await client.PostJobAsync("https://news.example/hash");

        var id = (await response.JsonAsync()).GetProperty("id").GetString()!;
        using var admin = await fx.PocketBase.AdminHttpAsync();
        var record = await admin.GetStringAsync($"api/collections/jobs/records/{id}");
        record.ShouldNotContain(peer);
        var clientIp = JsonDocument.Parse(record).RootElement.GetProperty("client_ip").GetString()!;
        clientIp.ShouldMatch("^[0-9a-f]{64}$");
        clientIp.ShouldBe(ApiFixture.KeyOf(peer));
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void An_ipv6_client_counts_as_its_64_network_and_a_mapped_ipv4_as_the_ipv4_address(string address, string identity)
    {
        ClientKeys.Identity(IPAddress.Parse(address)).ShouldBe(identity);
    }
}
