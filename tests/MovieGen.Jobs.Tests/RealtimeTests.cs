using System.Diagnostics;
using System.Threading.Channels;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Jobs.Tests;

public sealed class RealtimeTests(PocketBaseFixture pb) : IClassFixture<PocketBaseFixture>
{
    private static readonly ClaimRequest Worker = new("rt-worker", TimeSpan.FromMinutes(5), 3);

    /// <summary>Runs a subscription in the background and collects what it yields.</summary>
    private sealed class Recorder : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task pump;

        public Recorder(IAsyncEnumerable<RealtimeMessage> messages)
        {
            pump = Task.Run(async () =>
            {
                try
                {
                    await foreach (var m in messages.WithCancellation(stop.Token))
                    {
                        await Messages.Writer.WriteAsync(m);
                    }
                }
                catch (OperationCanceledException)
                {
                    // stopped
                }
            });
        }

        public Channel<RealtimeMessage> Messages { get; } = Channel.CreateUnbounded<RealtimeMessage>();

        public async Task<T> NextAsync<T>(Func<T, bool> match, TimeSpan timeout)
            where T : RealtimeMessage
        {
            using var cts = new CancellationTokenSource(timeout);
            while (true)
            {
                var m = await Messages.Reader.ReadAsync(cts.Token);
                if (m is T t && match(t))
                {
                    return t;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await pump;
            stop.Dispose();
        }
    }

    private async Task<Job> ClaimFreshAsync()
    {
        var created = (CreateJobResult.Created)await pb.Store.CreateAsync(PocketBaseFixture.NewJob("rt-" + Guid.NewGuid().ToString("N")[..6]), PocketBaseFixture.Generous, default);
        Job? claimed = null;
        while (claimed?.Id != created.Job.Id)
        {
            claimed = (await pb.Store.ClaimAsync(Worker, default)).Job ?? throw new InvalidOperationException("nothing to claim");
        }

        return claimed;
    }

    [Fact]
    public async Task An_update_reaches_a_subscriber_within_one_second()
    {
        var job = await ClaimFreshAsync();
        using var client = pb.NewClient();
        await using var recorder = new Recorder(new JobStore(client, Microsoft.Extensions.Options.Options.Create(new JobStoreOptions())).WatchAsync([job.Id], default));
        await recorder.NextAsync<RealtimeConnected>(_ => true, TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        await pb.Store.UpdateAsync(job.Id, Worker.WorkerId, Worker.Lease, new JobUpdate { Progress = 42 }, default);
        var seen = await recorder.NextAsync<RealtimeRecordEvent>(e => e.As<Job>().Progress == 42, TimeSpan.FromSeconds(5));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        seen.Action.ShouldBe("update");
        seen.Topic.ShouldBe($"jobs/{job.Id}");
    }

    [Fact]
    public async Task An_admin_subscription_to_the_collection_sees_new_jobs()
    {
        using var client = pb.NewClient();
        await using var recorder = new Recorder(client.SubscribeAsync(["jobs"], default));
        await recorder.NextAsync<RealtimeConnected>(_ => true, TimeSpan.FromSeconds(10));

        var key = "rt-create-" + Guid.NewGuid().ToString("N")[..6];
        await pb.Store.CreateAsync(PocketBaseFixture.NewJob(key), PocketBaseFixture.Generous, default);

        var seen = await recorder.NextAsync<RealtimeRecordEvent>(e => e.As<Job>().ClientIp == key, TimeSpan.FromSeconds(5));
        seen.Action.ShouldBe("create");
    }

    [Fact]
    public async Task After_pocketbase_restarts_the_subscription_recovers_reports_the_reconnect_and_delivers_later_updates()
    {
        var job = await ClaimFreshAsync();
        using var client = pb.NewClient();
        await using var recorder = new Recorder(client.SubscribeAsync([$"jobs/{job.Id}"], default));
        (await recorder.NextAsync<RealtimeConnected>(_ => true, TimeSpan.FromSeconds(10))).IsReconnect.ShouldBeFalse();

        await pb.Server.StopAsync();
        await recorder.NextAsync<RealtimeDisconnected>(_ => true, TimeSpan.FromSeconds(10));
        await pb.Server.StartAsync();
        var reconnected = await recorder.NextAsync<RealtimeConnected>(_ => true, TimeSpan.FromSeconds(20));
        await pb.Store.UpdateAsync(job.Id, Worker.WorkerId, Worker.Lease, new JobUpdate { Progress = 77 }, default);

        reconnected.IsReconnect.ShouldBeTrue();
        var seen = await recorder.NextAsync<RealtimeRecordEvent>(e => e.As<Job>().Progress == 77, TimeSpan.FromSeconds(5));
        seen.Action.ShouldBe("update");
    }
}
