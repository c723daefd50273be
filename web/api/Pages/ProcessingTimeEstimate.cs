using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Pages;

/// <summary>How long a video takes, for the form page: the median run time of the latest completed
/// jobs, cached for a few minutes so the front page costs PocketBase one query per period.</summary>
public sealed class ProcessingTimeEstimate(JobStore store, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private (TimeSpan? Value, DateTimeOffset At)? cached;

    /// <summary>The median, or null when no job has completed yet (or PocketBase is unreachable).</summary>
    public async Task<TimeSpan?> GetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cached is { } c && now - c.At < CacheFor)
        {
            return c.Value;
        }

        TimeSpan? value = null;
        try
        {
            var page = await store.ListPageAsync(new ListQuery("status = 'completed' && started_at != ''", "-completed_at", PerPage: 20), ct);
            var durations = page.Items
                .Where(j => j is { StartedAt: not null, CompletedAt: not null })
                .Select(j => j.CompletedAt!.Value - j.StartedAt!.Value)
                .Where(d => d > TimeSpan.Zero)
                .Order()
                .ToList();
            value = durations.Count == 0 ? null : durations[durations.Count / 2];
        }
        catch (PocketBaseFailure)
        {
            // The front page still works without the figure.
        }

        cached = (value, now);
        return value;
    }
}
