namespace MovieGen.Api.Tests.Api;

public sealed class JobReadAndCancelTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api();

    [Fact]
    public async Task A_pending_job_shows_its_queue_position()
    {
        var first = await fx.NewJobAsync();
        var second = await fx.NewJobAsync();
        using var client = api.ClientFrom();

        var firstView = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{first.Id}");
        var secondView = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{second.Id}");

        secondView.GetProperty("queue_position").GetInt32().ShouldBe(firstView.GetProperty("queue_position").GetInt32() + 1);
    }

    [Fact]
    public async Task The_public_view_shows_progress_but_no_client_address_worker_or_stored_file()
    {
        var job = await fx.NewJobAsync();
        var stored = await MovieGen.Testing.StoredVideo.StoreAsync(fx.Store, job.Id, [1, 2, 3], "title: x\n");
        await fx.PatchAsync(job.Id, new
        {
            status = "processing", progress = 40, current_step = "audio", progress_message = "音声を生成中 (3/12)",
            worker_id = "worker-on-host-7", lease_until = "2030-01-01 00:00:00.000Z",
        });
        using var client = api.ClientFrom();

        using var response = await client.GetAsync($"/api/jobs/{job.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var text = await response.Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(text).RootElement;
        view.GetProperty("status").GetString().ShouldBe("processing");
        view.GetProperty("progress").GetInt32().ShouldBe(40);
        view.GetProperty("current_step").GetString().ShouldBe("audio");
        view.GetProperty("progress_message").GetString().ShouldBe("音声を生成中 (3/12)");
        view.GetProperty("queue_position").ValueKind.ShouldBe(JsonValueKind.Null);
        view.GetProperty("video_url").ValueKind.ShouldBe(JsonValueKind.Null);
        foreach (var hidden in new[] { "client_ip", "worker_id", "video", "script", "lease_until", "attempts", "step_timings" })
        {
            view.TryGetProperty(hidden, out _).ShouldBeFalse(hidden);
        }

        text.ShouldNotContain("worker-on-host-7");
        text.ShouldNotContain(job.ClientIp);
        text.ShouldNotContain(stored.Video);
        text.ShouldNotContain(stored.Script);
        text.ShouldNotContain("/api/files/");
    }

    [Fact]
    public async Task A_completed_job_links_its_video()
    {
        var job = await fx.NewJobAsync();
        await fx.PatchAsync(job.Id, new { status = "completed", progress = 100, video_size = 1234, video_duration = 61.5 });
        using var client = api.ClientFrom();

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{job.Id}");

        view.GetProperty("video_url").GetString().ShouldBe($"http://localhost/api/jobs/{job.Id}/video");
        view.GetProperty("download_url").GetString().ShouldBe($"http://localhost/api/jobs/{job.Id}/video?download=1");
        view.GetProperty("video_duration").GetDouble().ShouldBe(61.5);
    }

    [Theory]
    [InlineData("zzzzzzzzzzzzzzz")]
    [InlineData("not-an-id")]
    [InlineData("AAAAAAAAAAAAAAA")]
    public async Task An_unknown_or_malformed_id_is_a_404_problem(string id)
    {
        using var client = api.ClientFrom();

        using var response = await client.GetAsync($"/api/jobs/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ProblemAsync()).Reason.ShouldBe("not_found");
    }

    [Fact]
    public async Task An_expired_job_whose_record_was_purged_is_a_404()
    {
        var job = await fx.NewJobAsync();
        await fx.Store.DeleteAsync(job.Id, default);
        using var client = api.ClientFrom();

        using var response = await client.GetAsync($"/api/jobs/{job.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancelling_a_pending_job_answers_202_with_the_cancelled_job_and_again_202()
    {
        var job = await fx.NewJobAsync();
        using var client = api.ClientFrom();

        using var first = await client.PostAsync($"/api/jobs/{job.Id}/cancel", null);
        using var again = await client.PostAsync($"/api/jobs/{job.Id}/cancel", null);

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await first.JsonAsync()).GetProperty("status").GetString().ShouldBe("cancelled");
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await fx.Store.GetAsync(job.Id, default))!.Status.ShouldBe(JobStatus.Cancelled);
    }

    [Fact]
    public async Task Cancelling_a_running_job_marks_it_cancelled()
    {
        var job = await fx.NewJobAsync();
        await fx.PatchAsync(job.Id, new { status = "processing", progress = 20, worker_id = "w1" });
        using var client = api.ClientFrom();

        using var response = await client.PostAsync($"/api/jobs/{job.Id}/cancel", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await fx.Store.GetAsync(job.Id, default))!.Status.ShouldBe(JobStatus.Cancelled);
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("failed")]
    public async Task Cancelling_a_finished_job_is_a_409_problem_and_changes_nothing(string status)
    {
        var job = await fx.NewJobAsync();
        await fx.PatchAsync(job.Id, new { status });
        using var client = api.ClientFrom();

        using var response = await client.PostAsync($"/api/jobs/{job.Id}/cancel", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.ProblemAsync();
        problem.Reason.ShouldBe("already_finished");
        problem.Body.GetProperty("job_status").GetString().ShouldBe(status);
        (await fx.Store.GetAsync(job.Id, default))!.Status.ToString().ToLowerInvariant().ShouldBe(status);
    }

    [Fact]
    public async Task Cancelling_an_unknown_job_is_a_404_problem()
    {
        using var client = api.ClientFrom();

        using var response = await client.PostAsync("/api/jobs/zzzzzzzzzzzzzzz/cancel", null);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ProblemAsync()).Reason.ShouldBe("not_found");
    }
}
