using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Soak;

/// <summary>Counts and latencies of what the viewers saw.</summary>
public sealed class ViewerStats
{
    public ConcurrentBag<double> UpdateLatencyMs { get; } = [];

    public int Requests;
    public int Errors;
    public int ServerErrors;
    public int Reconnects;
}

/// <summary>A browser page watching its job with the JS SDK's protocol: open
/// <c>GET /api/realtime</c>, take the clientId from <c>PB_CONNECT</c>, subscribe to
/// <c>jobs/{id}</c> without any auth (the view rule lets the id holder see it), and reconnect and
/// resubscribe when the stream drops, until the job ends.</summary>
public sealed class SseViewer(HttpClient http, string jobId, ViewerStats stats)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await WatchOnceAsync(ct))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException or OperationCanceledException)
            {
                Interlocked.Increment(ref stats.Errors);
            }

            Interlocked.Increment(ref stats.Reconnects);
            try
            {
                await Task.Delay(delay, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
        }
    }

    /// <summary>One connection; true when the job reached its end while we watched.</summary>
    private async Task<bool> WatchOnceAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/realtime");
        Interlocked.Increment(ref stats.Requests);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
        string? eventName = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var received = DateTimeOffset.UtcNow;
                using var doc = JsonDocument.Parse(line[5..]);
                if (eventName == "PB_CONNECT")
                {
                    var clientId = doc.RootElement.GetProperty("clientId").GetString();
                    Interlocked.Increment(ref stats.Requests);
                    using var subscribe = await http.PostAsJsonAsync("api/realtime",
                        new Dictionary<string, object?> { ["clientId"] = clientId, ["subscriptions"] = new[] { $"jobs/{jobId}" } }, ct);
                    if (!subscribe.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref stats.Errors);
                    }

                    // A page re-reads the record on every (re)connect; a finished job needs no stream.
                    Interlocked.Increment(ref stats.Requests);
                    using var read = await http.GetAsync($"api/collections/jobs/records/{jobId}", ct);
                    if (read.IsSuccessStatusCode && (await read.Content.ReadFromJsonAsync<Job>(PbJson.Options, ct))!.IsTerminal)
                    {
                        return true;
                    }
                }
                else
                {
                    var job = doc.RootElement.GetProperty("record").Deserialize<Job>(PbJson.Options)!;
                    stats.UpdateLatencyMs.Add((received - job.Updated).TotalMilliseconds);
                    if (job.IsTerminal)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}

/// <summary>The reference design's page: <c>GET /api/jobs/{id}</c> every 2 s until the job ends.</summary>
public sealed class Poller(HttpClient api, string jobId, ViewerStats stats)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Interlocked.Increment(ref stats.Requests);
                using var response = await api.GetAsync($"api/jobs/{jobId}", ct);
                if ((int)response.StatusCode >= 500)
                {
                    Interlocked.Increment(ref stats.ServerErrors);
                }
                else if (response.IsSuccessStatusCode)
                {
                    var view = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    if (view.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref stats.Errors);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
