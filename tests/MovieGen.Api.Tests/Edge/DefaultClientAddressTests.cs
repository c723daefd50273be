using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Tests.Edge;

/// <summary>With the configuration a new user runs (no trusted proxy), a client is its socket
/// peer, whatever forwarding headers it sends: made-up headers buy no fresh daily quota, no burst
/// permits and no sign-in attempts. Over a real socket, from several loopback addresses, against
/// the API process. Each test speaks from its own loopback address, so their limits do not meet.</summary>
public sealed class DefaultClientAddressTests(DefaultStackFixture fx) : IClassFixture<DefaultStackFixture>
{
    /// <summary>Every header a client might use to claim another address.</summary>
    private static readonly string[] SpoofHeaders =
        ["X-Forwarded-For", "X-Real-IP", "Forwarded", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP", "X-Original-Forwarded-For"];

    private static HttpRequestMessage SpoofedPost(string url, int i, string? header = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = JsonContent.Create(new { url }) };
        var claimed = $"203.0.113.{i + 1}";
        header ??= "X-Forwarded-For";
        request.Headers.TryAddWithoutValidation(header, header == "Forwarded" ? $"for={claimed}" : claimed);
        return request;
    }

    private static string Article(string peer, int i) => $"http://127.0.0.1:18800/a.html?peer={peer}&n={i}";

    private async Task<int> StoredJobsOfAsync(string address)
    {
        using var client = new PocketBaseClient(fx.PocketBase.Options);
        var store = new JobStore(client, Microsoft.Extensions.Options.Options.Create(new JobStoreOptions()));
        return await store.CountAsync(PbFilter.Format("client_ip = {:key}", new { key = fx.KeyOf(address) }), default);
    }

    [Fact]
    public void The_default_configuration_trusts_no_proxy()
    {
        fx.Defaults["TRUSTED_PROXIES"].ShouldBeEmpty();
        fx.Setting("RATE_LIMIT_PER_DAY").ShouldBe(5);
    }

    [Fact]
    public async Task A_new_X_Forwarded_For_on_every_request_from_loopback_is_refused_from_the_sixth_job()
    {
        const string peer = "127.0.0.1";
        using var client = fx.ClientFrom(peer);
        var quota = fx.Setting("RATE_LIMIT_PER_DAY");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= quota; i++)
        {
            using var response = await client.SendAsync(SpoofedPost(Article(peer, i), i));
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.Created, quota), HttpStatusCode.TooManyRequests]);
        (await StoredJobsOfAsync(peer)).ShouldBe(quota);
        (await StoredJobsOfAsync("203.0.113.1")).ShouldBe(0);
    }

    [Fact]
    public async Task Any_forwarding_header_from_a_second_loopback_address_counts_against_that_address()
    {
        const string peer = "127.0.0.2";
        using var client = fx.ClientFrom(peer);
        var quota = fx.Setting("RATE_LIMIT_PER_DAY");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= quota; i++)
        {
            using var response = await client.SendAsync(SpoofedPost(Article(peer, i), i, SpoofHeaders[i % SpoofHeaders.Length]));
            statuses.Add(response.StatusCode);
        }

        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(quota);
        statuses[^1].ShouldBe(HttpStatusCode.TooManyRequests);
        (await StoredJobsOfAsync(peer)).ShouldBe(quota);
    }

    [Fact]
    public async Task Spoofed_headers_buy_no_burst_permits()
    {
        const string peer = "127.0.0.3";
        using var client = fx.ClientFrom(peer);
        var burst = fx.Setting("RATE_LIMIT_PER_MINUTE");

        Problem? last = null;
        for (var i = 0; i <= burst; i++)
        {
            using var response = await client.SendAsync(SpoofedPost(Article(peer, i), i, SpoofHeaders[i % SpoofHeaders.Length]));
            if (i == burst)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
                last = await response.ProblemAsync();
            }
        }

        last!.Reason.ShouldBe("burst_limit");
    }

    [Fact]
    public async Task Spoofed_headers_buy_no_fresh_sign_in_attempts()
    {
        const string peer = "127.0.0.4";
        using var client = fx.ClientFrom(peer);

        for (var i = 0; i < MovieGen.Api.Admin.SignInThrottle.Attempts; i++)
        {
            using var refused = await SignInAsync(client, "wrong-password", i);
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var throttled = await SignInAsync(client, MovieGen.Testing.PocketBaseServer.AdminPassword, 99);
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        using var elsewhere = fx.ClientFrom("127.0.0.5");
        using var accepted = await SignInAsync(elsewhere, MovieGen.Testing.PocketBaseServer.AdminPassword, 0);
        accepted.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
    }

    /// <summary>The sign-in form as a browser posts it, with a made-up client address in a header.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string password, int i)
    {
        var html = await client.GetStringAsync("admin/login");
        var token = System.Text.RegularExpressions.Regex.Match(html, "<input type=\"hidden\" name=\"_token\" value=\"([^\"]+)\">");
        token.Success.ShouldBeTrue("the sign-in page has an anti-forgery token");
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["method"] = "password",
                ["email"] = MovieGen.Testing.PocketBaseServer.AdminEmail,
                ["password"] = password,
                ["return"] = "/admin",
                ["_token"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            }),
        };
        request.Headers.TryAddWithoutValidation(SpoofHeaders[i % SpoofHeaders.Length], $"198.18.0.{i + 1}");
        return await client.SendAsync(request);
    }
}
