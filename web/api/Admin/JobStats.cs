using MovieGen.Jobs;

namespace MovieGen.Api.Admin;

/// <summary>Count, mean and 95th percentile of a set of durations, in seconds (null when empty).</summary>
public sealed record DurationStats(int Count, double? AverageSeconds, double? P95Seconds);

public sealed record StepCount(string Step, int Count);

public sealed record StepDuration(string Step, int Count, double? AverageSeconds, double? P95Seconds);

/// <summary>The dashboard's figures for the jobs created in a window ending now.</summary>
public sealed record JobStatsView(
    DateTimeOffset Since,
    DateTimeOffset Until,
    double WindowHours,
    int Created,
    int Completed,
    int Failed,
    int Cancelled,
    int Pending,
    int Processing,
    double? SuccessRate,
    DurationStats ProcessingTime,
    DurationStats QueueWait,
    IReadOnlyList<StepCount> FailuresByStep,
    IReadOnlyList<StepDuration> Steps);

/// <summary>The figures, computed from job records alone, so they are a pure function of the
/// records and a clock (docs/DECISIONS.md, "Dashboard", defines each one).</summary>
public static class JobStats
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    public const string UnknownStep = "unknown";

    public static JobStatsView Compute(IEnumerable<Job> jobs, DateTimeOffset now) => Compute(jobs, now, DefaultWindow);

    public static JobStatsView Compute(IEnumerable<Job> jobs, DateTimeOffset now, TimeSpan window)
    {
        var since = now - window;
        var inWindow = jobs.Where(j => j.Created >= since && j.Created <= now).ToList();
        int Count(JobStatus status) => inWindow.Count(j => j.Status == status);

        var completed = Count(JobStatus.Completed);
        var failed = Count(JobStatus.Failed);

        var processing = inWindow
            .Where(j => j is { Status: JobStatus.Completed, StartedAt: { } s, CompletedAt: { } c } && c >= s)
            .Select(j => (j.CompletedAt!.Value - j.StartedAt!.Value).TotalSeconds);
        var queueWait = inWindow
            .Where(j => j.StartedAt is { } s && s >= j.Created)
            .Select(j => (j.StartedAt!.Value - j.Created).TotalSeconds);

        var failedSteps = inWindow.Where(j => j.Status == JobStatus.Failed)
            .GroupBy(j => PipelineSteps.WireNames.Contains(j.FailedStep) ? j.FailedStep : UnknownStep)
            .ToDictionary(g => g.Key, g => g.Count());
        var failures = PipelineSteps.WireNames.Select(step => new StepCount(step, failedSteps.GetValueOrDefault(step))).ToList();
        if (failedSteps.TryGetValue(UnknownStep, out var unknown))
        {
            failures.Add(new StepCount(UnknownStep, unknown));
        }

        var stepSeconds = inWindow.SelectMany(Stages.Durations).ToLookup(d => d.Step, d => d.Duration.TotalSeconds);
        var steps = PipelineSteps.WireNames.Select(step =>
        {
            var summary = Summarise(stepSeconds[step]);
            return new StepDuration(step, summary.Count, summary.AverageSeconds, summary.P95Seconds);
        }).ToList();

        return new JobStatsView(
            since,
            now,
            window.TotalHours,
            inWindow.Count,
            completed,
            failed,
            Count(JobStatus.Cancelled),
            Count(JobStatus.Pending),
            Count(JobStatus.Processing),
            completed + failed == 0 ? null : (double)completed / (completed + failed),
            Summarise(processing),
            Summarise(queueWait),
            failures,
            steps);
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="percent"/>%
    /// of the values at or below it, i.e. the ⌈p·n/100⌉-th smallest. Always one of the values,
    /// never an interpolation. Null for no values.</summary>
    public static double? Percentile(IEnumerable<double> values, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        // Integer arithmetic: 0.95 * 20 is not exactly 19 in floating point.
        var rank = ((percent * sorted.Count) + 99) / 100;
        return sorted[rank - 1];
    }

    private static DurationStats Summarise(IEnumerable<double> seconds)
    {
        var values = seconds.ToList();
        return values.Count == 0
            ? new DurationStats(0, null, null)
            : new DurationStats(values.Count, Round(values.Average()), Round(Percentile(values, 95)!.Value));
    }

    // PocketBase keeps milliseconds; more digits would be noise.
    private static double Round(double seconds) => Math.Round(seconds, 3, MidpointRounding.AwayFromZero);
}
