using MovieGen.Api.Admin;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Admin;

/// <summary>The dashboard's event stream: the API's own admin subscription to PocketBase realtime,
/// relayed as compact job changes, one subscription for every viewer.</summary>
public sealed class AdminEventsTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api(("OPERATOR_TOKEN", AdminClients.Token));

    private static Func<JsonElement, bool> About(Job job, string status) => change =>
        change.GetProperty("job").GetProperty("id").GetString() == job.Id && change.GetProperty("job").GetProperty("status").GetString() == status;

    [Fact]
    public async Task A_job_change_reaches_the_stream_after_ready_as_a_compact_event_that_is_never_cached()
    {
        using var client = api.WithToken();
        using var stream = await EventStream.OpenAsync(client);
        stream.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        stream.Response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        (await stream.NextAsync("ready")).GetProperty("reconnect").GetBoolean().ShouldBeFalse();

        var job = await fx.NewJobAsync();
        await fx.PatchAsync(job.Id, new
        {
            status = "processing", progress = 42, current_step = "audio", progress_message = "音声を生成中 (3/12)", worker_id = "worker-x", attempts = 1,
        });

        var created = await stream.NextAsync("job", About(job, "pending"));
        created.GetProperty("action").GetString().ShouldBe("create");
        var change = await stream.NextAsync("job", About(job, "processing"));
        change.GetProperty("action").GetString().ShouldBe("update");
        var view = change.GetProperty("job");
        view.GetProperty("step").GetString().ShouldBe("audio");
        view.GetProperty("progress").GetInt32().ShouldBe(42);
        view.GetProperty("message").GetString().ShouldBe("音声を生成中 (3/12)");
        view.GetProperty("worker_id").GetString().ShouldBe("worker-x");
        view.GetProperty("page_url").GetString().ShouldBe($"/jobs/{job.Id}");
        view.TryGetProperty("client_ip", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Every_viewer_is_served_by_one_PocketBase_subscription_that_closes_when_the_last_viewer_leaves()
    {
        var hub = api.Service<JobEventHub>();
        var before = hub.Subscriptions;
        using var client = api.WithToken();

        var viewers = new List<EventStream>();
        for (var i = 0; i < 3; i++)
        {
            var viewer = await EventStream.OpenAsync(client);
            await viewer.NextAsync("ready");
            viewers.Add(viewer);
        }

        hub.Subscriptions.ShouldBe(before + 1);
        var job = await fx.NewJobAsync();
        foreach (var viewer in viewers)
        {
            await viewer.NextAsync("job", About(job, "pending"));
            viewer.Dispose();
        }

        await Eventually.TrueAsync(() => hub.Viewers == 0, TimeSpan.FromSeconds(10), "every viewer has left");
        using var later = await EventStream.OpenAsync(client);
        await later.NextAsync("ready");
        hub.Subscriptions.ShouldBe(before + 2);
    }
}
