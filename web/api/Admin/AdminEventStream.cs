using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MovieGen.Api.Admin;

/// <summary>The dashboard's server-sent events: the shared job subscription relayed to one viewer.
/// Written by hand rather than with TypedResults.ServerSentEvents, which cannot write the comment
/// lines the heartbeat needs.</summary>
public sealed class AdminEventStream(JobEventHub hub, TimeSpan heartbeat, CancellationToken stopping) : IResult
{
    /// <summary>Proxies and load balancers close connections idle for a minute or so; a comment
    /// line every 20 s keeps ours open, and browsers ignore it.</summary>
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(20);

    /// <summary>How long a browser waits before it reconnects after the stream ends.</summary>
    private const int ReconnectMs = 3000;

    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events on at once
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var ct = ended.Token;
        using var viewer = hub.Join();
        try
        {
            await WriteAsync(response, $"retry: {ReconnectMs}\n\n", ct);
            while (true)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                beat.CancelAfter(heartbeat);
                bool more;
                try
                {
                    more = await viewer.Events.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await WriteAsync(response, ": heartbeat\n\n", ct);
                    continue;
                }

                if (!more)
                {
                    return; // let go by the hub: the browser reconnects and re-reads
                }

                var batch = new StringBuilder();
                while (viewer.Events.TryRead(out var message))
                {
                    batch.Append("event: ").Append(message.Name).Append('\n')
                        .Append("data: ").Append(JsonSerializer.Serialize(message.Data, message.Data.GetType(), json)).Append("\n\n");
                }

                await WriteAsync(response, batch.ToString(), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The viewer left, or the API is stopping: the stream simply ends.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.WriteAsync(text, Encoding.UTF8, ct);
        await response.Body.FlushAsync(ct);
    }
}
