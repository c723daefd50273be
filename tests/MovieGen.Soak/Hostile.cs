using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Soak;

/// <summary>One class of hostile requests and what came back.</summary>
public sealed class HostileClass(string name, string required)
{
    public string Name { get; } = name;

    public string Required { get; } = required;

    public ConcurrentBag<int> Statuses { get; } = [];

    public List<string> Violations { get; } = [];

    public string Summary => string.Join(", ", Statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "refused by client" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))} ×{g.Count()}"));
}

/// <summary>Hostile input sent while the load runs: the SSRF table, malformed and oversized bodies,
/// huge URLs, other schemes, header injection, Range abuse, bad ids, anonymous writes straight to
/// PocketBase, X-Forwarded-For spoofing from an untrusted peer, and 200 concurrent creates from one
/// address. Required: no 5xx, no job beyond the limits, nothing written by an anonymous client.</summary>
public sealed class HostileProbe(SoakStack stack, JobLedger ledger, Action<string> log)
{
    private const string UntrustedPeer = "127.0.0.3";
    private const string DefaultsPeer = "127.0.0.4";

    public List<HostileClass> Classes { get; } = [];

    public async Task RunAsync(string completedJobId, CancellationToken ct)
    {
        using var api = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = stack.ApiBase, Timeout = TimeSpan.FromSeconds(60) };
        using var pb = new HttpClient { BaseAddress = new Uri(stack.PocketBase.Url + "/"), Timeout = TimeSpan.FromSeconds(30) };

        await SsrfAsync(api);
        await MalformedAsync(api);
        await HugeUrlsAndSchemesAsync(api);
        await HeaderInjectionAsync(api);
        await RangeAbuseAsync(api, completedJobId);
        await BadIdsAsync(api);
        await AnonymousPocketBaseWritesAsync(pb, completedJobId);
        await SpoofedForwardedForAsync(
            Start($"X-Forwarded-For spoofing from an untrusted peer ({UntrustedPeer})", $"header ignored: at most {SoakStack.PerDay} jobs for the peer"),
            stack.ApiBase, UntrustedPeer, SoakStack.PerDay, "untrusted");
        await SpoofedForwardedForAsync(
            Start($"X-Forwarded-For spoofing against the default configuration, no trusted proxy ({DefaultsPeer})", "header ignored: at most RATE_LIMIT_PER_DAY of .env.example jobs for the peer"),
            stack.DefaultApiBase, DefaultsPeer, int.Parse(MovieGen.Testing.EnvExample.Read()["RATE_LIMIT_PER_DAY"], System.Globalization.CultureInfo.InvariantCulture), "defaults");
        await ConcurrentCreatesAsync(api);
        log($"hostile: {Classes.Sum(c => c.Statuses.Count)} requests in {Classes.Count} classes");
    }

    private HostileClass Start(string name, string required)
    {
        var c = new HostileClass(name, required);
        Classes.Add(c);
        return c;
    }

    private static HttpRequestMessage Create(string json, string client, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = new StringContent(json, Encoding.UTF8, contentType) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", client);
        return request;
    }

    /// <summary>The designed refusal while the shared queue is at MAX_QUEUE_SIZE (503, reason
    /// <c>queue_full</c>, Retry-After) — the defaults' API has .env.example's small cap, which the
    /// soak's own load fills — is an answer, not a failure.</summary>
    private static async Task<bool> IsQueueFullAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null)
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync();
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            return problem.TryGetProperty("reason", out var reason) && reason.GetString() == "queue_full";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<HttpResponseMessage?> SendAsync(HttpClient http, HttpRequestMessage request, HostileClass c)
    {
        try
        {
            var response = await http.SendAsync(request);
            c.Statuses.Add((int)response.StatusCode);
            if ((int)response.StatusCode >= 500 && !await IsQueueFullAsync(response))
            {
                c.Violations.Add($"{request.Method} {request.RequestUri} → {(int)response.StatusCode}");
            }

            if (response.StatusCode == HttpStatusCode.Created && request.RequestUri!.ToString().EndsWith("api/jobs", StringComparison.Ordinal))
            {
                var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                ledger.Add(id, "hostile: " + c.Name);
            }

            return response;
        }
        catch (HttpRequestException)
        {
            c.Statuses.Add(0);
            return null;
        }
    }

    private async Task ExpectRefusedCreatesAsync(HttpClient api, HostileClass c, IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            using var response = await SendAsync(api, Create(JsonSerializer.Serialize(new { url }), "10.66.0.1"), c);
            if (response is { IsSuccessStatusCode: true })
            {
                c.Violations.Add($"{url[..Math.Min(url.Length, 60)]} was accepted ({(int)response.StatusCode})");
            }
        }
    }

    private Task SsrfAsync(HttpClient api) => ExpectRefusedCreatesAsync(api, Start("SSRF table", "400, nothing created"),
    [
        "http://127.0.0.1/", "http://127.0.0.1:8090/api/admins", "http://localhost/", "http://127.0.0.3/", "http://10.0.0.1/",
        "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
        "http://[::ffff:127.0.0.1]/", "http://2130706433/", "http://0x7f000001/", "http://017700000001/", "http://127.1/",
        "http://0.0.0.0/", "http://224.0.0.1/", "http://[fd00:ec2::254]/", "http://100.64.0.1/", "http://metadata.google.internal/",
    ]);

    private async Task MalformedAsync(HttpClient api)
    {
        var c = Start("malformed and oversized JSON bodies", "4xx (or the connection closed on a 5 MB upload), nothing created");
        foreach (var body in new[] { "{", "not json", "{\"url\": 5}", "[]", "{\"url\": null}", "", "{\"url\": \"http://a\"", "\"http://x/\"", "{\"url\": {\"$ne\": 1}}" })
        {
            using var _ = await SendAsync(api, Create(body, "10.66.0.2"), c);
        }

        using var wrongType = await SendAsync(api, Create("url=http://x/", "10.66.0.2", "application/x-www-form-urlencoded"), c);
        foreach (var size in new[] { 20_000, 1_000_000, 5_000_000 })
        {
            using var _ = await SendAsync(api, Create(JsonSerializer.Serialize(new { url = "http://x/", pad = new string('a', size) }), "10.66.0.2"), c);
        }

        RequireNoSuccess(c);
    }

    private async Task HugeUrlsAndSchemesAsync(HttpClient api)
    {
        var site = stack.Site.Url("/tiny-ja?");
        await ExpectRefusedCreatesAsync(api, Start("10 kB URLs", "400 (413 when the body passes 16 kB), nothing created"),
            [site + new string('a', 10_000), "http://" + new string('b', 10_000) + ".example/", site + Uri.EscapeDataString(new string('ジ', 3000))]);
        await ExpectRefusedCreatesAsync(api, Start("non-http schemes", "400, nothing created"),
            ["ftp://example.com/a", "file:///etc/passwd", "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "gopher://127.0.0.1:25/", "ws://example.com/", "//example.com/x", "example.com"]);
    }

    private async Task HeaderInjectionAsync(HttpClient api)
    {
        var c = Start("header injection", "no injected header in any response, no 5xx");
        await ExpectRefusedCreatesAsync(api, c, ["http://127.0.0.2/\r\nSet-Cookie: pwned=1", "http://127.0.0.2/x\nLocation: http://evil/"]);
        var encoded = stack.Site.Url("/missing%0d%0aSet-Cookie:%20pwned=1");
        using var request = Create(JsonSerializer.Serialize(new { url = encoded }), "10.66.0.3");
        using var response = await SendAsync(api, request, c);
        foreach (var probe in new[] { "api/jobs/aaaaaaaaaaaaaaa%0d%0aSet-Cookie:%20pwned=1", "jobs/aaaaaaaaaaaaaaa%0d%0aX-Injected:%201" })
        {
            using var r = await SendAsync(api, new HttpRequestMessage(HttpMethod.Get, probe), c);
            CheckNoInjection(r, c);
        }

        using var lang = new HttpRequestMessage(HttpMethod.Get, "");
        lang.Headers.TryAddWithoutValidation("Accept-Language", "ja;q=abc, en;q=0.5, " + new string('x', 4000));
        using var langResponse = await SendAsync(api, lang, c);
        CheckNoInjection(response, c);
    }

    private static void CheckNoInjection(HttpResponseMessage? response, HostileClass c)
    {
        if (response is not null && (response.Headers.Contains("X-Injected") || (response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(v => v.Contains("pwned", StringComparison.Ordinal)))))
        {
            c.Violations.Add("an injected header reached a response");
        }
    }

    private async Task RangeAbuseAsync(HttpClient api, string jobId)
    {
        var c = Start("Range abuse on a finished video", "200/206/416 only, no 5xx");
        var ranges = new[]
        {
            "bytes=999999999-", "bytes=-0", "bytes=5-1", "bytes=0-1,2-3", "bytes=abc", "bytes=-999999999999",
            "bytes=0-" + new string('9', 40), "bytes=" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"{i * 2}-{(i * 2) + 1}")),
            "items=0-10", "bytes=0--1", "bytes= 0-10",
        };
        foreach (var range in ranges)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{jobId}/video");
            request.Headers.TryAddWithoutValidation("Range", range);
            using var response = await SendAsync(api, request, c);
            if (response is not null && (int)response.StatusCode is not (200 or 206 or 416))
            {
                c.Violations.Add($"Range {range[..Math.Min(20, range.Length)]} → {(int)response.StatusCode}");
            }
        }
    }

    private async Task BadIdsAsync(HttpClient api)
    {
        var c = Start("unknown and malformed job ids", "404 (or 400/405), no 5xx");
        var ids = new[] { "aaaaaaaaaaaaaaa", "AAAAAAAAAAAAAAA", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2Fetc", new string('a', 5000), "abc", "%E3%82%B8%E3%83%A7%E3%83%96", "%00", "a%20b", "*", "' OR 1=1 --" };
        foreach (var id in ids)
        {
            foreach (var path in new[] { $"api/jobs/{id}", $"api/jobs/{id}/video", $"jobs/{id}" })
            {
                using var r = await SendAsync(api, new HttpRequestMessage(HttpMethod.Get, path), c);
            }

            using var cancel = await SendAsync(api, new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{id}/cancel"), c);
        }

        RequireNoSuccess(c);
    }

    private async Task AnonymousPocketBaseWritesAsync(HttpClient pb, string jobId)
    {
        var c = Start("anonymous writes straight to PocketBase", "401/403/404, nothing written");
        var before = await stack.Store.CountAsync(null, default);
        var target = await stack.Store.GetAsync(jobId, default);
        var attempts = new List<HttpRequestMessage>
        {
            new(HttpMethod.Post, "api/collections/jobs/records") { Content = JsonContent.Create(new { url = "http://x/", status = "pending" }) },
            new(HttpMethod.Patch, $"api/collections/jobs/records/{jobId}") { Content = JsonContent.Create(new { status = "failed", video_size = 1 }) },
            new(HttpMethod.Patch, $"api/collections/jobs/records/{jobId}") { Content = new MultipartFormDataContent { { new ByteArrayContent([0, 0, 0, 24]), "video", "evil.mp4" } } },
            new(HttpMethod.Post, "api/moviegen/data-protection/keys") { Content = JsonContent.Create(new { name = "key-evil", xml = "<key/>", immediate = true }) },
            new(HttpMethod.Get, "api/collections/data_protection_keys/records"),
            new(HttpMethod.Delete, $"api/collections/jobs/records/{jobId}"),
            new(HttpMethod.Get, "api/collections/jobs/records"),
            new(HttpMethod.Post, "api/moviegen/jobs/create") { Content = JsonContent.Create(new { url = "http://x/", client_ip = "x", max_per_day = 100, max_queue = 100 }) },
            new(HttpMethod.Post, "api/moviegen/jobs/claim") { Content = JsonContent.Create(new { worker_id = "evil", lease_seconds = 60, max_attempts = 3, expiration_hours = 1 }) },
            new(HttpMethod.Post, $"api/moviegen/jobs/{jobId}/update") { Content = JsonContent.Create(new { worker_id = "evil", lease_seconds = 60, fields = new { progress = 1 } }) },
            new(HttpMethod.Post, $"api/moviegen/jobs/{jobId}/cancel") { Content = JsonContent.Create(new { expiration_hours = 1 }) },
            new(HttpMethod.Post, $"api/moviegen/jobs/{jobId}/retry"),
            new(HttpMethod.Post, "api/collections/jobs/records") { Content = JsonContent.Create(new { url = "http://x/" }), Headers = { { "Authorization", "Bearer forged.token.value" } } },
        };
        foreach (var request in attempts)
        {
            using var r = await SendAsync(pb, request, c);
        }

        RequireNoSuccess(c, allowListOk: false);
        var after = await stack.Store.GetAsync(jobId, default);
        if (await stack.Store.CountAsync(null, default) < before || after?.Status != target?.Status || after?.Video != target?.Video)
        {
            c.Violations.Add("an anonymous request changed the jobs collection");
        }
    }

    private async Task SpoofedForwardedForAsync(HostileClass c, Uri apiBase, string peer, int perDay, string tag)
    {
        using var fromPeer = MovieGen.Testing.LoopbackClient.From(peer, apiBase);
        var claimed = Enumerable.Range(1, perDay + 3).Select(i => $"203.0.113.{i}").ToList();
        for (var i = 0; i < claimed.Count; i++)
        {
            using var request = Create(JsonSerializer.Serialize(new { url = stack.Site.Url($"/tiny-ja?spoof-{tag}={i}") }), claimed[i]);
            using var _ = await SendAsync(fromPeer, request, c);
        }

        var stored = await stack.Store.CountAsync(PbFilter.Format("client_ip = {:k}", new { k = KeyOf(peer) }), default);
        if (stored > perDay || c.Statuses.Count(s => s == 201) > perDay)
        {
            c.Violations.Add($"{stored} jobs stored for the peer {peer}");
        }

        var spoofed = 0;
        foreach (var address in claimed)
        {
            spoofed += await stack.Store.CountAsync(PbFilter.Format("client_ip = {:k}", new { k = KeyOf(address) }), default);
        }

        if (spoofed > 0)
        {
            c.Violations.Add($"{spoofed} jobs were counted for spoofed addresses");
        }
    }

    private async Task ConcurrentCreatesAsync(HttpClient api)
    {
        const string client = "10.250.0.1";
        var c = Start("200 concurrent creates from one address", $"at most {SoakStack.PerDay} created, the rest 429");
        await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var request = Create(JsonSerializer.Serialize(new { url = stack.Site.Url($"/tiny-ja?burst={i}") }), client);
            using var _ = await SendAsync(api, request, c);
        }));
        var stored = await stack.Store.CountAsync(PbFilter.Format("client_ip = {:k}", new { k = KeyOf(client) }), default);
        if (stored > SoakStack.PerDay)
        {
            c.Violations.Add($"{stored} jobs stored for one address");
        }

        if (c.Statuses.Any(s => s is not (201 or 429)))
        {
            c.Violations.Add("a response other than 201 or 429");
        }
    }

    private static void RequireNoSuccess(HostileClass c, bool allowListOk = false)
    {
        if (c.Statuses.Any(s => s is >= 200 and < 300 && !allowListOk))
        {
            c.Violations.Add("a hostile request succeeded");
        }
    }

    /// <summary>The API's stored key for an address (HMAC-SHA256 under the soak's IP_HASH_KEY).</summary>
    public static string KeyOf(string address) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SoakStack.IpHashKey), Encoding.UTF8.GetBytes(address)));
}
