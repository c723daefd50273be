using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace MovieGen.Bench.Api;

/// <summary>The reference design's page: <c>GET /api/jobs/{id}</c> every 2 seconds (here through
/// our API, as our page's fallback does), starting at a random point of the cycle.</summary>
public sealed class Poller : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> seen = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int requests;

    public Poller(HttpClient http, string api, string jobId)
    {
        loop = Task.Run(() => LoopAsync(http, $"{api}/api/jobs/{jobId}"));
    }

    public int Requests => Volatile.Read(ref requests);

    public TimeSpan Running { get; private set; }

    public Task<long> SeenAsync(int progress) => Slot(progress).Task;

    private TaskCompletionSource<long> Slot(int progress) =>
        seen.GetOrAdd(progress, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task LoopAsync(HttpClient http, string url)
    {
        var started = Stopwatch.StartNew();
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Interval.TotalMilliseconds)), stop.Token);
            var next = Stopwatch.GetTimestamp();
            while (!stop.IsCancellationRequested)
            {
                var view = await http.GetFromJsonAsync<JsonElement>(url, stop.Token);
                var at = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref requests);
                var progress = view.GetProperty("progress").GetInt32();
                for (var p = 0; p <= progress; p++)
                {
                    Slot(p).TrySetResult(at);
                }

                next += (long)(Interval.TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        finally
        {
            Running = started.Elapsed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
