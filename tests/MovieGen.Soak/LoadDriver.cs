using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MovieGen.Soak;

/// <summary>The load: jobs created through the JSON API from several client addresses (sent as
/// X-Forwarded-For through the trusted proxy address), each watched by browser-like realtime
/// viewers and a few 2-second pollers from the moment it exists until it ends.</summary>
public sealed class LoadDriver(SoakStack stack, JobLedger ledger, SoakProfile profile, Action<string> log) : IDisposable
{
    private static readonly string[] Articles = ["/small-ja", "/tiny-ja", "/small-en"];

    private readonly HttpClient api = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = stack.ApiBase, Timeout = TimeSpan.FromSeconds(30) };
    private readonly HttpClient pocketBase = new(new SocketsHttpHandler { MaxConnectionsPerServer = 2000 }) { BaseAddress = new Uri(stack.PocketBase.Url + "/"), Timeout = Timeout.InfiniteTimeSpan };
    private readonly ConcurrentBag<Task> watchers = [];

    public ViewerStats Sse { get; } = new();

    public ViewerStats Polling { get; } = new();

    public ConcurrentBag<int> CreateStatuses { get; } = [];

    public int CreateTransportErrors;

    public async Task RunAsync(CancellationToken ct)
    {
        var interval = profile.CreateOver / profile.Jobs;
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < profile.Jobs; i++)
        {
            var wait = start + (interval * i) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            var id = await CreateAsync(i, ct);
            if (id is null)
            {
                continue;
            }

            var viewers = (profile.SseViewers / profile.Jobs) + (i < profile.SseViewers % profile.Jobs ? 1 : 0);
            for (var v = 0; v < viewers; v++)
            {
                watchers.Add(Task.Run(() => new SseViewer(pocketBase, id, Sse).RunAsync(ct), ct));
            }

            var pollers = (profile.Pollers / profile.Jobs) + (i < profile.Pollers % profile.Jobs ? 1 : 0);
            for (var p = 0; p < pollers; p++)
            {
                watchers.Add(Task.Run(() => new Poller(api, id, Polling).RunAsync(ct), ct));
            }
        }

        log($"load: {ledger.Count} jobs created; waiting for the viewers to see them end");
    }

    /// <summary>Waits for every viewer and poller to stop (their jobs ended, or the deadline).</summary>
    public Task DrainAsync() => Task.WhenAll(watchers);

    private async Task<string?> CreateAsync(int i, CancellationToken ct)
    {
        var client = $"10.77.0.{(i % profile.Clients) + 1}";
        var url = stack.Site.Url($"{Articles[i % Articles.Length]}?soak={i}");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { url }), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", client);
            try
            {
                using var response = await api.SendAsync(request, ct);
                CreateStatuses.Add((int)response.StatusCode);
                if ((int)response.StatusCode == 201)
                {
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
                    ledger.Add(id, "load");
                    return id;
                }

                log($"load: create {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                return null;
            }
            catch (HttpRequestException ex)
            {
                Interlocked.Increment(ref CreateTransportErrors);
                log($"load: create {i} failed ({ex.Message}); attempt {attempt}");
            }
        }

        return null;
    }

    public void Dispose()
    {
        api.Dispose();
        pocketBase.Dispose();
    }
}
