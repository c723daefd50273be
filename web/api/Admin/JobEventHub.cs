using System.Text.Json;
using System.Threading.Channels;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Admin;

/// <summary>An event for dashboard viewers: <c>ready</c> (subscribed: read the current state now),
/// <c>reconnected</c> (the subscription dropped and is back: events in between are lost, read
/// again), <c>down</c> (the subscription dropped and is reconnecting), <c>job</c> (a job changed).</summary>
public sealed record AdminEvent(string Name, object Data)
{
    public static AdminEvent Ready(bool reconnect) => new(reconnect ? "reconnected" : "ready", new ConnectionChange(reconnect));

    public static AdminEvent Down(TimeSpan retryIn) => new("down", new SubscriptionDown(Math.Round(retryIn.TotalSeconds, 1)));

    public static AdminEvent Changed(string action, AdminJobView job) => new("job", new JobChange(action, job));
}

public sealed record ConnectionChange(bool Reconnect);

public sealed record SubscriptionDown(double RetryInSeconds);

public sealed record JobChange(string Action, AdminJobView Job);

/// <summary>One PocketBase realtime subscription to every job, as admin, shared by all dashboard
/// viewers of this API process: opened when the first viewer arrives, closed when the last one
/// leaves. The admin token stays on the server; viewers get compact job changes.</summary>
public sealed partial class JobEventHub(JobStore store, TimeProvider clock, ILogger<JobEventHub> logger) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly HashSet<Viewer> viewers = [];
    private CancellationTokenSource? upstream;
    private Task pump = Task.CompletedTask;
    private int generation;
    private bool connected;
    private int subscriptions;

    /// <summary>How many times a PocketBase subscription was opened (tests: one for many viewers).</summary>
    public int Subscriptions => Volatile.Read(ref subscriptions);

    public int Viewers
    {
        get
        {
            lock (gate)
            {
                return viewers.Count;
            }
        }
    }

    public Viewer Join()
    {
        var viewer = new Viewer(this);
        lock (gate)
        {
            viewers.Add(viewer);
            if (upstream is null)
            {
                var source = new CancellationTokenSource();
                upstream = source;
                var current = ++generation;
                subscriptions++;
                pump = Task.Run(() => PumpAsync(current, source.Token), CancellationToken.None);
            }
            else if (connected)
            {
                viewer.Offer(AdminEvent.Ready(reconnect: false));
            }
        }

        return viewer;
    }

    private void Leave(Viewer viewer)
    {
        CancellationTokenSource? stop;
        lock (gate)
        {
            if (!viewers.Remove(viewer) || viewers.Count > 0 || upstream is null)
            {
                return;
            }

            stop = upstream;
            upstream = null;
            connected = false;
            generation++;
        }

        stop.Cancel();
    }

    private async Task PumpAsync(int current, CancellationToken ct)
    {
        try
        {
            await foreach (var message in store.WatchAsync(null, ct))
            {
                switch (message)
                {
                    case RealtimeConnected connection:
                        Broadcast(current, AdminEvent.Ready(connection.IsReconnect), connectedNow: true);
                        break;
                    case RealtimeDisconnected drop:
                        Broadcast(current, AdminEvent.Down(drop.RetryIn), connectedNow: false);
                        break;
                    case RealtimeRecordEvent record when ToChange(record) is { } change:
                        Broadcast(current, change, connectedNow: null);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogPumpFailed(logger, ex);
        }

        // Ended without being asked to: let every viewer go, so their browsers reconnect and the
        // next one to arrive opens a fresh subscription.
        lock (gate)
        {
            if (current != generation)
            {
                return;
            }

            upstream = null;
            connected = false;
            generation++;
            foreach (var viewer in viewers)
            {
                viewer.End();
            }

            viewers.Clear();
        }
    }

    private AdminEvent? ToChange(RealtimeRecordEvent record)
    {
        try
        {
            return AdminEvent.Changed(record.Action, AdminJobView.From(record.As<Job>(), clock.GetUtcNow()));
        }
        catch (JsonException ex)
        {
            LogUnreadableRecord(logger, record.Topic, ex.Message);
            return null;
        }
    }

    private void Broadcast(int current, AdminEvent message, bool? connectedNow)
    {
        lock (gate)
        {
            if (current != generation)
            {
                return; // a subscription that is being closed
            }

            if (connectedNow is { } now)
            {
                connected = now;
            }

            foreach (var viewer in viewers)
            {
                viewer.Offer(message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        CancellationTokenSource? stop;
        lock (gate)
        {
            stop = upstream;
            upstream = null;
            generation++;
            foreach (var viewer in viewers)
            {
                viewer.End();
            }

            viewers.Clear();
        }

        if (stop is not null)
        {
            await stop.CancelAsync();
        }

        await pump;
    }

    /// <summary>One viewer's events. A viewer that falls this far behind is let go rather than
    /// buffered without end: its browser reconnects and reads the current state afresh.</summary>
    public sealed class Viewer(JobEventHub hub) : IDisposable
    {
        private const int Buffer = 256;

        private readonly Channel<AdminEvent> channel = Channel.CreateBounded<AdminEvent>(
            new BoundedChannelOptions(Buffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        public ChannelReader<AdminEvent> Events => channel.Reader;

        internal void Offer(AdminEvent message)
        {
            if (!channel.Writer.TryWrite(message))
            {
                channel.Writer.TryComplete();
            }
        }

        internal void End() => channel.Writer.TryComplete();

        public void Dispose()
        {
            End();
            hub.Leave(this);
        }
    }

    [LoggerMessage(LogLevel.Error, "The dashboard's job subscription ended unexpectedly")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "A realtime event on {Topic} could not be read as a job: {Reason}")]
    private static partial void LogUnreadableRecord(ILogger logger, string topic, string reason);
}
