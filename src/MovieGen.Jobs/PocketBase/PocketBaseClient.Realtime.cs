using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace MovieGen.Jobs.PocketBase;

public sealed partial class PocketBaseClient
{
    /// <summary>PocketBase closes a realtime connection that sent nothing for 5 minutes; if we hear
    /// nothing for longer than that the connection is dead without having told us.</summary>
    private static readonly TimeSpan RealtimeIdleLimit = TimeSpan.FromMinutes(5.5);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>Subscribes to realtime topics (<c>"jobs"</c> for every record — admins only — or
    /// <c>"jobs/{id}"</c> for one) as admin, and yields connection changes and record events until
    /// <paramref name="ct"/> is cancelled. After a drop it reconnects with backoff, subscribes again
    /// with the new client id, and yields <see cref="RealtimeConnected"/> with IsReconnect set.</summary>
    public async IAsyncEnumerable<RealtimeMessage> SubscribeAsync(IReadOnlyCollection<string> topics,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<RealtimeMessage>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = Task.Run(() => PumpRealtimeAsync(topics, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var message in channel.Reader.ReadAllAsync(ct))
            {
                yield return message;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }

    private async Task PumpRealtimeAsync(IReadOnlyCollection<string> topics, ChannelWriter<RealtimeMessage> writer, CancellationToken ct)
    {
        var connections = 0;
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!ct.IsCancellationRequested)
        {
            string reason;
            try
            {
                var connected = false;
                await foreach (var (name, data) in ReadEventsAsync(ct))
                {
                    if (name == "PB_CONNECT")
                    {
                        using var doc = JsonDocument.Parse(data);
                        var clientId = doc.RootElement.GetProperty("clientId").GetString()!;
                        await SetSubscriptionsAsync(clientId, topics, ct);
                        connected = true;
                        backoff = TimeSpan.FromMilliseconds(250);
                        await writer.WriteAsync(new RealtimeConnected(clientId, ++connections), ct);
                    }
                    else if (connected)
                    {
                        using var doc = JsonDocument.Parse(data);
                        var root = doc.RootElement;
                        await writer.WriteAsync(new RealtimeRecordEvent(name,
                            root.GetProperty("action").GetString() ?? "",
                            root.GetProperty("record").Clone()), ct);
                    }
                }

                reason = "the server closed the stream";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException
                or PocketBaseFailure or OperationCanceledException
                or KeyNotFoundException or InvalidOperationException)
            {
                reason = ex.Message;
            }

            var wait = backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100));
            LogRealtimeDropped(logger, reason, wait.TotalMilliseconds);
            await writer.WriteAsync(new RealtimeDisconnected(reason, wait), CancellationToken.None);
            try
            {
                await Task.Delay(wait, time, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }

        writer.TryComplete();
    }

    private async Task SetSubscriptionsAsync(string clientId, IReadOnlyCollection<string> topics, CancellationToken ct)
    {
        // The auth of this POST decides what the connection may see: as admin, "jobs" (all records).
        await SendAsAdminAsync(HttpMethod.Post, "api/realtime", new Dictionary<string, object> { ["clientId"] = clientId, ["subscriptions"] = topics }, ct);
    }

    /// <summary>Reads one SSE connection as (event name, data) pairs until it ends.</summary>
    private async IAsyncEnumerable<(string Name, string Data)> ReadEventsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/realtime");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await stream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);

        // The idle limit starts again with every event that arrives.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(RealtimeIdleLimit);
        var events = SseParser.Create(body).EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
        try
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new IOException($"No realtime data for {RealtimeIdleLimit.TotalMinutes} minutes.");
                }

                idle.CancelAfter(RealtimeIdleLimit);
                yield return (events.Current.EventType, events.Current.Data);
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    [LoggerMessage(LogLevel.Information, "PocketBase realtime disconnected ({Reason}); reconnecting in {DelayMs:0} ms")]
    private static partial void LogRealtimeDropped(ILogger logger, string reason, double delayMs);
}
