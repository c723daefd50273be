using MovieGen.Testing;

namespace MovieGen.Api.Tests.Api;

public sealed class CreateJobTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api(("RATE_LIMIT_PER_DAY", "5"));

    private static string Article() => $"https://news.example/articles/{Guid.NewGuid():N}";

    [Fact]
    public async Task A_valid_url_creates_a_pending_job_and_answers_201_with_its_links()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);
        var url = Article();

        using var response = await client.PostJobAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var view = await response.JsonAsync();
        var id = view.GetProperty("id").GetString()!;
        JobId.IsValid(id).ShouldBeTrue();
        view.GetProperty("status").GetString().ShouldBe("pending");
        view.GetProperty("queue_position").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        view.GetProperty("page_url").GetString().ShouldBe($"http://localhost/jobs/{id}");
        view.GetProperty("status_url").GetString().ShouldBe($"http://localhost/api/jobs/{id}");
        view.GetProperty("video_url").ValueKind.ShouldBe(JsonValueKind.Null);
        response.Headers.Location!.ToString().ShouldBe($"http://localhost/api/jobs/{id}");

        var stored = (await fx.Store.GetAsync(id, default)).ShouldNotBeNull();
        stored.Url.ShouldBe(url);
        stored.Status.ShouldBe(JobStatus.Pending);
        stored.ClientIp.ShouldBe(ApiFixture.KeyOf(peer));
        stored.Lang.ShouldBe("ja");
    }

    [Fact]
    public async Task The_same_client_submitting_the_same_url_twice_gets_the_existing_job_not_a_second_one()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);
        var url = Article();

        using var first = await client.PostJobAsync(url);
        using var second = await client.PostJobAsync(url);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.JsonAsync()).GetProperty("id").GetString().ShouldBe((await first.JsonAsync()).GetProperty("id").GetString());
        (await fx.JobsOfAsync(peer)).ShouldBe(1);
    }

    [Theory]
    [InlineData("", "empty_url")]
    [InlineData("   ", "empty_url")]
    [InlineData("news.example/article", "not_absolute")]
    [InlineData("ftp://news.example/article", "unsupported_scheme")]
    [InlineData("javascript:alert(1)", "unsupported_scheme")]
    [InlineData("file:///etc/passwd", "unsupported_scheme")]
    [InlineData("https://user:secret@news.example/article", "user_info")]
    [InlineData("http://999.1.1.1/", "invalid_host")]
    [InlineData("https://news.example/a\r\nSet-Cookie: pwned=1", "control_characters")]
    public async Task An_invalid_url_is_refused_with_400_and_a_reason_and_creates_nothing(string url, string reason)
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        using var response = await client.PostJobAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ProblemAsync();
        problem.Reason.ShouldBe(reason);
        problem.Detail.ShouldNotBeNullOrWhiteSpace();
        (await fx.JobsOfAsync(peer)).ShouldBe(0);
    }

    [Fact]
    public async Task A_url_longer_than_2048_characters_is_refused()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        using var response = await client.PostJobAsync("https://news.example/" + new string('a', 2048));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync()).Reason.ShouldBe("url_too_long");
        (await fx.JobsOfAsync(peer)).ShouldBe(0);
    }

    [Theory]
    [InlineData("http://127.0.0.1/admin")]
    [InlineData("http://localhost:8090/_/")]
    [InlineData("http://app.localhost/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://192.168.1.1/router")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://[::ffff:a9fe:a9fe]/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://loopback.test/article")]
    [InlineData("http://intranet.test/wiki")]
    [InlineData("http://metadata.test/")]
    [InlineData("http://mixed.test/")]
    public async Task An_address_that_is_not_public_is_refused_after_resolution_and_creates_nothing(string url)
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        using var response = await client.PostJobAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ProblemAsync();
        problem.Reason.ShouldBe("forbidden_address");
        problem.Detail.ShouldContain("公開されている記事のURL");
        (await fx.JobsOfAsync(peer)).ShouldBe(0);
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_is_refused_with_a_reason()
    {
        using var client = api.ClientFrom();

        using var response = await client.PostJobAsync("https://nxdomain.test/article");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync()).Reason.ShouldBe("unresolvable_host");
    }

    [Fact]
    public async Task Fifty_concurrent_posts_from_one_address_create_exactly_the_daily_quota()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.PostJobAsync($"https://news.example/burst/{i}")));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(5);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        refused.Count.ShouldBe(45);
        foreach (var response in refused)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            response.RetryAfterSeconds().ShouldBeInRange(1, 24 * 3600);
            (await response.ProblemAsync()).Reason.ShouldBe("daily_quota");
        }

        (await fx.JobsOfAsync(peer)).ShouldBe(5);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_daily_quota_refusal_says_how_long_to_wait_in_the_requesters_language()
    {
        var peer = TestPeer.NextAddress();
        using var ja = api.ClientFrom(peer);
        using var en = api.ClientFrom(peer, "en-US,en;q=0.9");
        for (var i = 0; i < 5; i++)
        {
            using var ok = await ja.PostJobAsync(Article());
            ok.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var refusedJa = await ja.PostJobAsync(Article());
        using var refusedEn = await en.PostJobAsync(Article());

        var problemJa = await refusedJa.ProblemAsync();
        problemJa.Detail.ShouldContain("1日 5 本まで");
        problemJa.Detail.ShouldContain("時間");
        var problemEn = await refusedEn.ProblemAsync();
        problemEn.Detail.ShouldStartWith("You can create up to 5 videos a day. Try again in ");
        problemEn.Body.GetProperty("retry_after").GetInt32().ShouldBe(refusedEn.RetryAfterSeconds());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"https://news.example/\"")]
    [InlineData("{\"url\": 5}")]
    [InlineData("{\"url\": {\"nested\": true}}")]
    public async Task A_malformed_body_is_a_400_problem(string body)
    {
        using var client = api.ClientFrom();

        using var response = await client.PostRawAsync("/api/jobs", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync()).Reason.ShouldBe("invalid_body");
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_400_problem()
    {
        using var client = api.ClientFrom();
        using var content = new ByteArrayContent([(byte)'{', (byte)'"', (byte)'u', (byte)'r', (byte)'l', (byte)'"', (byte)':', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)'}']);
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync("/api/jobs", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync()).Reason.ShouldBe("invalid_body");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        using var client = api.ClientFrom();

        using var response = await client.PostRawAsync("/api/jobs", $"{{\"url\": \"https://news.example/\", \"pad\": \"{new string('x', 20_000)}\"}}");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.ProblemAsync()).Reason.ShouldBe("body_too_large");
    }

    [Fact]
    public async Task A_form_encoded_body_is_refused_with_415_explaining_how_to_send_json()
    {
        using var client = api.ClientFrom(language: "en");

        using var response = await client.PostRawAsync("/api/jobs", "url=https://news.example/", "application/x-www-form-urlencoded");

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var problem = await response.ProblemAsync();
        problem.Reason.ShouldBe("unsupported_media_type");
        problem.Detail.ShouldContain("Content-Type: application/json");
    }
}
