using Cronos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Worker.Metrics;
using MovieGen.Worker.Options;

namespace MovieGen.Worker.Purge;

/// <summary>Removes expired jobs once at start and then on CLEANUP_CRON — the record, whose stored
/// video and script PocketBase deletes with it (on its disk or in S3), and this host's directory —
/// and this host's scratch directories that nobody will resume: their job ended (here or on another
/// host) or is gone. A directory of a pending or running job stays (a resume on this host, or a
/// worker beside us sharing JOB_DATA_DIR). Safe when several workers purge at once: whoever deletes
/// first wins, the others find nothing to delete.</summary>
public sealed partial class PurgeService(
    JobStore store,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<PurgeService> logger) : BackgroundService
{
    private const int PageSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.CleanupCron);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is PocketBaseFailure or IOException)
            {
                LogPurgeFailed(logger, ex.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var next = schedule.GetNextOccurrence(time.GetUtcNow(), TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            try
            {
                await Task.Delay(next.Value - time.GetUtcNow(), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One purge pass; returns (expired jobs deleted, scratch directories of ended or gone jobs removed).</summary>
    public async Task<(int Expired, int Orphans)> PurgeAsync(CancellationToken ct)
    {
        var expired = await PurgeExpiredAsync(ct);
        var orphans = await PurgeOrphansAsync(ct);
        if (expired + orphans > 0)
        {
            LogPurged(logger, expired, orphans);
        }

        return (expired, orphans);
    }

    private async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var deleted = 0;
        var now = time.GetUtcNow();
        var filter = PbFilter.Format("expires_at != '' && expires_at < {:now}", new { now });
        while (true)
        {
            // Always page 1: each pass deletes what it read, so the next page slides forward.
            var page = await store.ListPageAsync(new ListQuery(filter, "expires_at", 1, PageSize), ct);
            var progressed = false;
            foreach (var job in page.Items)
            {
                if (await store.DeleteAsync(job.Id, ct))
                {
                    deleted++;
                    WorkerMetrics.Purged.WithLabels("expired").Inc();
                }

                progressed = true;
                JobFiles.TryDelete(Path.Combine(options.Value.JobDataDir, job.Id), logger);
            }

            if (page.Items.Count < PageSize || !progressed)
            {
                return deleted;
            }
        }
    }

    private async Task<int> PurgeOrphansAsync(CancellationToken ct)
    {
        var root = options.Value.JobDataDir;
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            var id = Path.GetFileName(directory);

            // Only directories named like job ids are ours to judge; anything else is left alone.
            if (!JobId.IsValid(id) || await store.GetAsync(id, ct) is { IsTerminal: false })
            {
                continue;
            }

            if (JobFiles.TryDelete(directory, logger))
            {
                removed++;
                WorkerMetrics.Purged.WithLabels("orphan").Inc();
            }
        }

        return removed;
    }

    [LoggerMessage(LogLevel.Information, "Purge removed {Expired} expired job(s) and {Orphans} leftover job directory(ies)")]
    private static partial void LogPurged(ILogger logger, int expired, int orphans);

    [LoggerMessage(LogLevel.Warning, "Purge failed: {Reason}; retrying at the next scheduled time")]
    private static partial void LogPurgeFailed(ILogger logger, string reason);
}
