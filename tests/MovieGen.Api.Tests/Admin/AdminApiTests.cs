using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Tests.Admin;

/// <summary>GET /api/admin/job-progress and the two actions, against a real PocketBase.</summary>
public sealed class AdminApiTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api(("OPERATOR_TOKEN", AdminClients.Token));

    private static IEnumerable<JsonElement> Items(JsonElement array) => array.EnumerateArray();

    private static string Id(JsonElement job) => job.GetProperty("id").GetString()!;

    private async Task<JsonElement> ProgressAsync(string query = "")
    {
        using var client = api.WithToken();
        return await client.GetFromJsonAsync<JsonElement>("/api/admin/job-progress" + query);
    }

    [Fact]
    public async Task A_running_job_shows_under_its_stage_with_progress_message_elapsed_time_worker_and_attempts()
    {
        var job = await fx.NewJobAsync();
        var now = DateTimeOffset.UtcNow;
        await fx.PatchAsync(job.Id, new
        {
            status = "processing", progress = 40, current_step = "audio", progress_message = "音声を生成中 (3/12)",
            worker_id = "worker-x", attempts = 2, started_at = now.AddSeconds(-75),
            step_timings = new Dictionary<string, StepTiming> { ["audio"] = new(now.AddSeconds(-20), null) },
        });

        var progress = await ProgressAsync();

        var stages = Items(progress.GetProperty("stages")).ToList();
        stages.Select(s => s.GetProperty("step").GetString()).ShouldBe(["fetch", "script", "audio", "slides", "video"]);
        stages.ShouldAllBe(s => s.GetProperty("count").GetInt32() == s.GetProperty("jobs").GetArrayLength());
        var audio = stages[2];
        var view = Items(audio.GetProperty("jobs")).Single(j => Id(j) == job.Id);
        view.GetProperty("progress").GetInt32().ShouldBe(40);
        view.GetProperty("message").GetString().ShouldBe("音声を生成中 (3/12)");
        view.GetProperty("worker_id").GetString().ShouldBe("worker-x");
        view.GetProperty("attempts").GetInt32().ShouldBe(2);
        view.GetProperty("url").GetString().ShouldBe(job.Url);
        view.GetProperty("step_started_at").GetDateTimeOffset().ShouldBe(PbDate.Parse(PbDate.ToText(now.AddSeconds(-20)))!.Value);
        view.GetProperty("processing_seconds").GetDouble().ShouldBeInRange(75, 135);
        progress.GetProperty("running").GetInt32().ShouldBe(stages.Sum(s => s.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task A_claimed_job_that_has_not_written_a_step_yet_is_in_fetch()
    {
        var job = await fx.NewJobAsync();
        await fx.PatchAsync(job.Id, new { status = "processing", worker_id = "worker-x", attempts = 1, started_at = DateTimeOffset.UtcNow });

        var progress = await ProgressAsync();

        var fetch = Items(progress.GetProperty("stages")).First();
        Items(fetch.GetProperty("jobs")).Single(j => Id(j) == job.Id).GetProperty("step").GetString().ShouldBe("fetch");
    }

    [Fact]
    public async Task The_queue_lists_every_pending_job_oldest_first_with_an_exact_count()
    {
        var first = await fx.NewJobAsync();
        var second = await fx.NewJobAsync();
        var third = await fx.NewJobAsync();

        var queue = (await ProgressAsync()).GetProperty("queue");

        var ids = Items(queue.GetProperty("jobs")).Select(Id).ToList();
        ids.IndexOf(first.Id).ShouldBeLessThan(ids.IndexOf(second.Id));
        ids.IndexOf(second.Id).ShouldBeLessThan(ids.IndexOf(third.Id));
        ids.IndexOf(first.Id).ShouldBeGreaterThanOrEqualTo(0);
        queue.GetProperty("count").GetInt32().ShouldBe(await fx.Store.CountAsync("status = 'pending'", default));
        Items(queue.GetProperty("jobs")).ShouldAllBe(j => j.GetProperty("status").GetString() == "pending");
    }

    [Fact]
    public async Task History_is_newest_first_filtered_by_status_and_paged_with_per_step_durations()
    {
        var now = DateTimeOffset.UtcNow;
        var failed = new List<Job>();
        for (var i = 0; i < 3; i++)
        {
            var job = await fx.NewJobAsync();
            failed.Add(await fx.PatchAsync(job.Id, new
            {
                status = "failed", failed_step = "script", error_message = "台本を作れませんでした", completed_at = now,
                step_timings = new Dictionary<string, StepTiming> { ["fetch"] = new(now.AddSeconds(-4.5), now.AddSeconds(-2)) },
            }));
        }

        var first = (await ProgressAsync("?status=failed&per_page=2")).GetProperty("history");
        var second = (await ProgressAsync("?status=failed&per_page=2&page=2")).GetProperty("history");

        first.GetProperty("status").GetString().ShouldBe("failed");
        first.GetProperty("per_page").GetInt32().ShouldBe(2);
        first.GetProperty("total_items").GetInt32().ShouldBe(await fx.Store.CountAsync("status = 'failed'", default));
        Items(first.GetProperty("items")).Select(Id).ShouldBe([failed[2].Id, failed[1].Id]);
        Id(second.GetProperty("items")[0]).ShouldBe(failed[0].Id);
        second.GetProperty("page").GetInt32().ShouldBe(2);
        Items(first.GetProperty("items")).Concat(Items(second.GetProperty("items"))).ShouldAllBe(j => j.GetProperty("status").GetString() == "failed");
        var row = first.GetProperty("items")[0];
        row.GetProperty("step_seconds").GetProperty("fetch").GetDouble().ShouldBe(2.5);
        row.GetProperty("failed_step").GetString().ShouldBe("script");
        row.GetProperty("error_message").GetString().ShouldBe("台本を作れませんでした");
    }

    [Theory]
    [InlineData("?status=finished")]
    [InlineData("?per_page=101")]
    [InlineData("?page=0")]
    [InlineData("?page=two")]
    public async Task A_query_it_cannot_answer_is_a_400_problem(string query)
    {
        using var client = api.WithToken();

        using var response = await client.GetAsync("/api/admin/job-progress" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync()).Reason.ShouldBe("invalid_query");
    }

    [Fact]
    public async Task Retry_puts_a_failed_job_back_in_the_queue_with_its_attempts_reset()
    {
        var job = await fx.NewJobAsync();
        await fx.PatchAsync(job.Id, new { status = "failed", attempts = 3, failed_step = "audio", error_message = "音声を作れませんでした", completed_at = DateTimeOffset.UtcNow });
        using var client = api.WithToken();

        using var response = await client.PostAsync($"/api/admin/jobs/{job.Id}/retry", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.JsonAsync()).GetProperty("status").GetString().ShouldBe("pending");
        var stored = await fx.Store.GetAsync(job.Id, default);
        (stored!.Status, stored.Attempts, stored.FailedStep, stored.ErrorMessage).ShouldBe((JobStatus.Pending, 0, "", ""));
        Items((await ProgressAsync()).GetProperty("queue").GetProperty("jobs")).Select(Id).ShouldContain(job.Id);
    }

    [Fact]
    public async Task Retry_of_a_job_that_has_neither_failed_nor_been_cancelled_is_a_409_and_of_an_unknown_one_a_404()
    {
        var job = await fx.NewJobAsync();
        using var client = api.WithToken();

        using var pending = await client.PostAsync($"/api/admin/jobs/{job.Id}/retry", null);
        using var unknown = await client.PostAsync("/api/admin/jobs/zzzzzzzzzzzzzzz/retry", null);

        pending.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await pending.ProblemAsync();
        problem.Reason.ShouldBe("not_retryable");
        problem.Body.GetProperty("job_status").GetString().ShouldBe("pending");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancel_stops_a_running_job_with_202_and_refuses_a_completed_one_with_409()
    {
        var running = await fx.NewJobAsync();
        await fx.PatchAsync(running.Id, new { status = "processing", worker_id = "worker-x", attempts = 1 });
        var done = await fx.NewJobAsync();
        await fx.PatchAsync(done.Id, new { status = "completed", progress = 100, completed_at = DateTimeOffset.UtcNow });
        using var client = api.WithToken();

        using var cancelled = await client.PostAsync($"/api/admin/jobs/{running.Id}/cancel", null);
        using var refused = await client.PostAsync($"/api/admin/jobs/{done.Id}/cancel", null);

        cancelled.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await cancelled.JsonAsync()).GetProperty("status").GetString().ShouldBe("cancelled");
        (await fx.Store.GetAsync(running.Id, default))!.Status.ShouldBe(JobStatus.Cancelled);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.ProblemAsync()).Reason.ShouldBe("already_finished");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_json_but_not_the_dashboard_pages()
    {
        using var client = api.ClientFrom();

        var paths = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        paths.TryGetProperty("/api/admin/job-stats", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/admin/job-progress", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/admin/jobs/{id}/retry", out _).ShouldBeTrue();
        paths.TryGetProperty("/admin", out _).ShouldBeFalse();
    }
}
