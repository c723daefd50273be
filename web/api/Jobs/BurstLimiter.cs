using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MovieGen.Api.Jobs;

/// <summary>The per-client burst limit: a fixed one-minute window per client address, from the
/// rate limiting primitives ASP.NET Core's rate limiter middleware is built on. It is called from
/// the submission itself rather than as middleware, so it runs after URL validation and the SSRF
/// guard (a mistyped URL costs no permit) and the form can re-render with the URL kept.</summary>
public sealed class BurstLimiter(IOptions<SubmissionOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RateLimitPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes a permit for the client; null when granted, else how long to wait.</summary>
    public TimeSpan? TryTake(string client)
    {
        using var lease = limiter.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}
