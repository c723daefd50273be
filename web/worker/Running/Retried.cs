using MovieGen.Jobs.PocketBase;

namespace MovieGen.Worker.Running;

/// <summary>The retry of the calls a job's end depends on (storing its video and script, reading a
/// stored script, writing its outcome): with backoff while PocketBase is unreachable or failing
/// (5xx), for up to one lease. If it stays away longer, another worker reclaims the job and makes
/// the call itself, so none is left undone.</summary>
public static class Retried
{
    public static async Task<T> WithinLeaseAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan within, TimeProvider time,
        Action<string> onRetry, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + within;
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await call(ct);
            }
            catch (PocketBaseFailure ex) when (ex.IsTransient && time.GetUtcNow() < deadline)
            {
                onRetry(ex.Message);
                await Task.Delay(delay, time, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
