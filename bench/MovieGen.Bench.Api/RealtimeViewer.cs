using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MovieGen.Bench.Api;

/// <summary>One browser's worth of PocketBase realtime, speaking what the JS SDK 0.21 speaks:
/// <c>GET /api/realtime</c> (SSE) → <c>PB_CONNECT</c> with a clientId → <c>POST /api/realtime
/// {clientId, subscriptions: ["jobs/ID"]}</c>, then the page's first read of the record. Records when
/// each progress value arrived.</summary>
public sealed class RealtimeViewer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> seen = new();
    private readonly CancellationTokenSource stop = new();
    private Task pump = Task.CompletedTask;

    /// <summary>HTTP requests this viewer made (the SSE stream counts as one).</summary>
    public int Requests { get; private set; }

    public static async Task<RealtimeViewer> ConnectAsync(HttpClient http, string pocketBase, string jobId)
    {
        var viewer = new RealtimeViewer();
        var request = new HttpRequestMessage(HttpMethod.Get, $"{pocketBase}/api/realtime");
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, viewer.stop.Token);
        response.EnsureSuccessStatusCode();
        viewer.Requests++;
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(viewer.stop.Token), Encoding.UTF8);

        var (name, data) = await ReadEventAsync(reader, viewer.stop.Token);
        if (name != "PB_CONNECT")
        {
            throw new InvalidOperationException($"Expected PB_CONNECT, got {name}.");
        }

        var clientId = JsonDocument.Parse(data).RootElement.GetProperty("clientId").GetString();
        using (var subscribe = await http.PostAsJsonAsync($"{pocketBase}/api/realtime", new { clientId, subscriptions = new[] { $"jobs/{jobId}" } }))
        {
            subscribe.EnsureSuccessStatusCode();
            viewer.Requests++;
        }

        using (var read = await http.GetAsync($"{pocketBase}/api/collections/jobs/records/{jobId}"))
        {
            read.EnsureSuccessStatusCode();
            viewer.Requests++;
        }

        viewer.pump = Task.Run(() => viewer.PumpAsync(response, reader));
        return viewer;
    }

    /// <summary>Completes with the timestamp at which the given progress value arrived.</summary>
    public Task<long> SeenAsync(int progress) => Slot(progress).Task;

    private TaskCompletionSource<long> Slot(int progress) =>
        seen.GetOrAdd(progress, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task PumpAsync(HttpResponseMessage response, StreamReader reader)
    {
        using (response)
        using (reader)
        {
            try
            {
                while (true)
                {
                    var (_, data) = await ReadEventAsync(reader, stop.Token);
                    var at = Stopwatch.GetTimestamp();
                    if (Progress(data) is { } progress)
                    {
                        Slot(progress).TrySetResult(at);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or EndOfStreamException)
            {
                // disposed, or the server went away
            }
        }
    }

    /// <summary>The record's progress, read without parsing the whole event: 500 viewers share this
    /// process's two cores with PocketBase, so the harness must stay cheap.</summary>
    private static int? Progress(string data)
    {
        const string Key = "\"progress\":";
        var at = data.IndexOf(Key, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var span = data.AsSpan(at + Key.Length);
        var end = 0;
        while (end < span.Length && char.IsAsciiDigit(span[end]))
        {
            end++;
        }

        return int.Parse(span[..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(string Name, string Data)> ReadEventAsync(StreamReader reader, CancellationToken ct)
    {
        var name = "message";
        var data = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(ct) ?? throw new EndOfStreamException();
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return (name, data.ToString());
                }

                continue;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5).TrimStart(' '));
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
