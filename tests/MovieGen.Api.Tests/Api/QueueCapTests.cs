namespace MovieGen.Api.Tests.Api;

public sealed class QueueCapTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api(("MAX_QUEUE_SIZE", "3"));

    [Fact]
    public async Task A_full_queue_refuses_new_jobs_with_503_until_a_place_frees_up()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var client = api.ClientFrom();
            using var accepted = await client.PostJobAsync($"https://news.example/queue/{i}");
            accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
            ids.Add((await accepted.JsonAsync()).GetProperty("id").GetString()!);
        }

        var latecomer = TestPeer.NextAddress();
        using var late = api.ClientFrom(latecomer);
        using var refused = await late.PostJobAsync("https://news.example/queue/late");

        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.RetryAfterSeconds().ShouldBeGreaterThan(0);
        var problem = await refused.ProblemAsync();
        problem.Reason.ShouldBe("queue_full");
        problem.Detail.ShouldContain("3 件");
        (await fx.JobsOfAsync(latecomer)).ShouldBe(0);

        using var cancel = await late.PostAsync($"/api/jobs/{ids[0]}/cancel", null);
        cancel.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var retried = await late.PostJobAsync("https://news.example/queue/late");
        retried.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
