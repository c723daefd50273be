using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Admin;

public sealed record StageView(string Step, int Count, IReadOnlyList<AdminJobView> Jobs);

public sealed record QueueView(int Count, IReadOnlyList<AdminJobView> Jobs);

public sealed record HistoryView(JobStatus? Status, int Page, int PerPage, int TotalItems, int TotalPages, IReadOnlyList<AdminJobView> Items);

/// <summary>Everything moving right now: running jobs by stage, the queue in the order workers take
/// it, and a page of history.</summary>
public sealed record JobProgressView(DateTimeOffset Now, int Running, IReadOnlyList<StageView> Stages, QueueView Queue, HistoryView History);

/// <summary>What a history page shows.</summary>
public sealed record HistoryQuery(JobStatus? Status = null, int Page = 1, int PerPage = HistoryQuery.DefaultPerPage)
{
    public const int DefaultPerPage = 20;

    public const int MaxPerPage = 100;
}

/// <summary>Reads the dashboard's data from PocketBase.</summary>
public sealed class JobBoard(JobStore store, TimeProvider clock)
{
    /// <summary>The queue list shows at most this many jobs (the count is always exact).</summary>
    public const int QueueShown = 100;

    public async Task<JobProgressView> ProgressAsync(HistoryQuery history, CancellationToken ct)
    {
        var now = Now();
        var runningTask = store.ListAllAsync(PbFilter.Format("status = {:s}", new { s = JobStatus.Processing }), "created,id", ct).ToListAsync(ct).AsTask();

        // The order the claim route takes them in.
        var queueTask = store.ListPageAsync(new ListQuery(
            PbFilter.Format("status = {:s}", new { s = JobStatus.Pending }), "created,id", 1, QueueShown, SkipTotal: false), ct);
        var historyTask = store.ListPageAsync(new ListQuery(
            history.Status is { } status ? PbFilter.Format("status = {:s}", new { s = status }) : null,
            "-created,-id", history.Page, history.PerPage, SkipTotal: false), ct);
        await Task.WhenAll(runningTask, queueTask, historyTask);

        var running = (await runningTask).Select(j => AdminJobView.From(j, now)).ToList();
        var stages = PipelineSteps.WireNames
            .Select(step => running.Where(j => j.Step == step).ToList())
            .Select((jobs, i) => new StageView(PipelineSteps.WireNames[i], jobs.Count, jobs))
            .ToList();
        var queue = await queueTask;
        var page = await historyTask;
        return new JobProgressView(
            now,
            running.Count,
            stages,
            new QueueView(queue.TotalItems, queue.Items.Select(j => AdminJobView.From(j, now)).ToList()),
            new HistoryView(history.Status, page.Page, page.PerPage, page.TotalItems, page.TotalPages, page.Items.Select(j => AdminJobView.From(j, now)).ToList()));
    }

    public async Task<JobStatsView> StatsAsync(TimeSpan window, CancellationToken ct)
    {
        var now = Now();
        var jobs = await store.ListAllAsync(PbFilter.Format("created >= {:since}", new { since = now - window }), "created,id", ct).ToListAsync(ct);
        return JobStats.Compute(jobs, now, window);
    }

    /// <summary>PocketBase keeps milliseconds: a finer clock would make the window's edge differ
    /// between the filter and the computation.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
