using MovieGen.Api.Tests.Admin;

namespace MovieGen.Api.Tests.Edge;

/// <summary>A realtime stream through nginx that stays quiet for longer than nginx's default 60 s
/// read timeout still delivers the next event, on the same connection. A class of its own so its
/// minute of waiting runs beside the other tests.</summary>
public sealed class NginxIdleStreamTests(NginxFixture fx) : IClassFixture<NginxFixture>
{
    private static readonly TimeSpan NginxDefaultReadTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_idle_realtime_stream_outlives_nginxs_default_read_timeout()
    {
        var job = await fx.NewJobAsync();
        using var client = fx.ClientFrom("127.0.0.18");
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var stream = await EventStream.OpenAsync(client, "pb/api/realtime");
        var clientId = (await stream.NextAsync("PB_CONNECT")).GetProperty("clientId").GetString();
        using var subscribe = await client.PostAsJsonAsync("pb/api/realtime", new { clientId, subscriptions = new[] { $"jobs/{job.Id}" } });
        subscribe.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // One read of the stream, started now; nothing is written for longer than nginx would wait
        // by default (the wait is the behaviour under test, not a guess at async work), so the read
        // must still be pending — the stream neither closed nor delivered anything.
        var next = stream.NextAsync($"jobs/{job.Id}", timeout: NginxDefaultReadTimeout + TimeSpan.FromSeconds(30));
        var quiet = NginxDefaultReadTimeout + TimeSpan.FromSeconds(5);
        (await Task.WhenAny(next, Task.Delay(quiet))).ShouldNotBe(next, "the stream ended or delivered an event while idle");

        await fx.PatchAsync(job.Id, new { progress = 7 });
        var update = await next;

        update.GetProperty("record").GetProperty("progress").GetInt32().ShouldBe(7);
    }
}
