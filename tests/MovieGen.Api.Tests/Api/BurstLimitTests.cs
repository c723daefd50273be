namespace MovieGen.Api.Tests.Api;

public sealed class BurstLimitTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api(("RATE_LIMIT_PER_MINUTE", "3"));

    [Fact]
    public async Task More_submissions_than_the_burst_limit_within_a_minute_are_refused_with_429_and_retry_after()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        for (var i = 0; i < 3; i++)
        {
            using var accepted = await client.PostJobAsync($"https://news.example/burst/{Guid.NewGuid():N}");
            accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var refused = await client.PostJobAsync("https://news.example/burst/one-too-many");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.RetryAfterSeconds().ShouldBeInRange(1, 60);
        (await refused.ProblemAsync()).Reason.ShouldBe("burst_limit");
        (await fx.JobsOfAsync(peer)).ShouldBe(3);
    }

    [Fact]
    public async Task The_burst_limit_counts_per_client_address()
    {
        using var busy = api.ClientFrom();
        for (var i = 0; i < 4; i++)
        {
            using var response = await busy.PostJobAsync($"https://news.example/busy/{Guid.NewGuid():N}");
        }

        using var other = api.ClientFrom();
        using var accepted = await other.PostJobAsync("https://news.example/other-client");

        accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Refused_urls_do_not_use_up_the_burst_limit_because_they_are_checked_first()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);
        for (var i = 0; i < 5; i++)
        {
            using var invalid = await client.PostJobAsync("http://127.0.0.1/private");
            invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        for (var i = 0; i < 3; i++)
        {
            using var accepted = await client.PostJobAsync($"https://news.example/after-refusals/{i}");
            accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
        }
    }
}
