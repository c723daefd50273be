using System.Diagnostics;
using MovieGen.Api.Tests.Admin;
using static Microsoft.Playwright.Assertions;

namespace MovieGen.Api.Tests.Edge;

/// <summary>Through the real nginx with the shipped config (the seed's open question: do SSE and
/// the rest survive a reverse proxy and its timeouts?). Each test that creates jobs speaks from its
/// own loopback address, so their daily quotas do not meet.</summary>
public sealed class NginxTests(NginxFixture fx) : IClassFixture<NginxFixture>
{
    private Task<Job> ProcessingAsync(Job job, int progress, string message) =>
        fx.PatchAsync(job.Id, new { status = "processing", progress, current_step = "audio", progress_message = message });

    [Fact]
    public async Task The_progress_page_updates_live_within_a_second_of_a_write()
    {
        var job = await ProcessingAsync(await fx.NewJobAsync(), 10, "台本を作成中");
        var page = await fx.OpenAsync($"jobs/{job.Id}");
        await Expect(page.Locator("#job")).ToHaveAttributeAsync("data-mode", "realtime");

        var clock = Stopwatch.StartNew();
        await ProcessingAsync(job, 42, "音声を生成中 (3/12)");
        await Expect(page.Locator("#progress-percent")).ToHaveTextAsync("42%", new() { Timeout = 1000 });
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        await Expect(page.Locator("#progress-message")).ToHaveTextAsync("音声を生成中 (3/12)");
    }

    [Fact]
    public async Task A_job_posted_through_nginx_counts_against_the_address_nginx_saw()
    {
        const string peer = "127.0.0.13";
        using var client = fx.ClientFrom(peer);

        using var response = await client.PostJobAsync("http://127.0.0.1:18800/nginx/seen");

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var stored = await fx.Store.GetAsync((await response.JsonAsync()).GetProperty("id").GetString()!, default);
        stored!.ClientIp.ShouldBe(NginxFixture.KeyOf(peer));
    }

    [Fact]
    public async Task A_forged_X_Forwarded_For_sent_to_nginx_is_not_believed()
    {
        const string peer = "127.0.0.14";
        using var client = fx.ClientFrom(peer);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = JsonContent.Create(new { url = $"http://127.0.0.1:18800/nginx/forged/{i}" }) };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.Created, 5), HttpStatusCode.TooManyRequests]);
        (await fx.Store.CountAsync(MovieGen.Jobs.PocketBase.PbFilter.Format("client_ip = {:k}", new { k = NginxFixture.KeyOf(peer) }), default)).ShouldBe(5);
        (await fx.Store.CountAsync(MovieGen.Jobs.PocketBase.PbFilter.Format("client_ip = {:k}", new { k = NginxFixture.KeyOf("203.0.113.1") }), default)).ShouldBe(0);
    }

    [Theory]
    [InlineData("bytes=100-199", 100, 199)]
    [InlineData("bytes=-100", 900, 999)]
    [InlineData("bytes=990-", 990, 999)]
    public async Task A_range_request_on_the_video_answers_206_with_the_right_bytes(string range, int from, int to)
    {
        var content = Enumerable.Range(0, 1000).Select(i => (byte)(i % 251)).ToArray();
        var job = await MovieGen.Testing.StoredVideo.CompleteWithAsync(fx.Store, (await fx.NewJobAsync()).Id, content);
        using var client = fx.ClientFrom("127.0.0.15");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{job.Id}/video");
        request.Headers.TryAddWithoutValidation("Range", range);
        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes {from}-{to}/1000");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(content[from..(to + 1)]);

        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{job.Id}/video");
        beyond.Headers.TryAddWithoutValidation("Range", "bytes=5000-");
        using var unsatisfiable = await client.SendAsync(beyond);
        unsatisfiable.StatusCode.ShouldBe(HttpStatusCode.RequestedRangeNotSatisfiable);
        unsatisfiable.Content.Headers.ContentRange!.ToString().ShouldBe("bytes */1000");
    }

    [Theory]
    [InlineData("GET", "pb/_/")]
    [InlineData("GET", "pb/api/collections/jobs/records")]
    [InlineData("GET", "pb/api/admins")]
    [InlineData("GET", "pb/api/settings")]
    [InlineData("GET", "pb/api/collections")]
    [InlineData("GET", "metrics")]
    public async Task PocketBase_admin_listing_and_metrics_are_not_on_the_public_host(string method, string path)
    {
        using var client = fx.ClientFrom("127.0.0.16");

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_job_record_is_readable_by_id_but_not_writable_through_the_public_host()
    {
        var job = await fx.NewJobAsync();
        using var client = fx.ClientFrom("127.0.0.16");

        using var read = await client.GetAsync($"pb/api/collections/jobs/records/{job.Id}");
        using var write = await client.PatchAsJsonAsync($"pb/api/collections/jobs/records/{job.Id}", new { status = "completed" });

        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.JsonAsync()).GetProperty("id").GetString().ShouldBe(job.Id);
        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fx.Store.GetAsync(job.Id, default))!.Status.ShouldBe(JobStatus.Pending);
    }

    [Fact]
    public async Task A_request_body_over_the_limit_is_refused_by_nginx()
    {
        using var client = fx.ClientFrom("127.0.0.17");

        using var response = await client.PostRawAsync("api/jobs", $"{{\"url\":\"https://news.example/{new string('a', 100_000)}\"}}");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        using var client = MovieGen.Testing.LoopbackClient.From("127.0.0.17", new Uri($"http://127.0.0.1:{fx.HttpPort}/"));

        using var response = await client.GetAsync("jobs/abc");

        response.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        response.Headers.Location!.Scheme.ShouldBe("https");
    }
}
