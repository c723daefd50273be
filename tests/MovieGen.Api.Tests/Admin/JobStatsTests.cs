using MovieGen.Api.Admin;

namespace MovieGen.Api.Tests.Admin;

/// <summary>The dashboard's figures from a seeded set of jobs whose timings are known, so every
/// value can be checked exactly.</summary>
public sealed class JobStatsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A job created <paramref name="hoursAgo"/> before <see cref="Now"/>, started after
    /// <paramref name="wait"/> seconds, whose steps took the given seconds one after another
    /// (null: started, not finished), finishing when the last finished step did.</summary>
    private static Job Seed(string id, JobStatus status, double hoursAgo, double? wait = null, double?[]? steps = null, string failedStep = "")
    {
        var created = Now.AddHours(-hoursAgo);
        var started = wait is { } w ? created.AddSeconds(w) : (DateTimeOffset?)null;
        var timings = new Dictionary<string, StepTiming>();
        var at = started;
        for (var i = 0; steps is not null && i < steps.Length; i++)
        {
            var end = steps[i] is { } seconds ? at!.Value.AddSeconds(seconds) : (DateTimeOffset?)null;
            timings[PipelineSteps.WireNames[i]] = new StepTiming(at, end);
            at = end;
        }

        return new Job
        {
            Id = id,
            Status = status,
            Created = created,
            Updated = created,
            StartedAt = started,
            CompletedAt = status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled ? at ?? started ?? created : null,
            StepTimings = timings.Count > 0 ? timings : null,
            FailedStep = failedStep,
        };
    }

    private static readonly Job[] Seeded =
    [
        Seed("done-60", JobStatus.Completed, 10, wait: 30, steps: [5, 10, 30, 10, 5]),
        Seed("done-120", JobStatus.Completed, 9, wait: 10, steps: [3, 12, 50, 20, 35]),
        Seed("done-90", JobStatus.Completed, 8, wait: 20, steps: [2, 8, 40, 15, 25]),
        Seed("failed-audio", JobStatus.Failed, 7, wait: 40, steps: [4, 8, null], failedStep: "audio"),
        Seed("failed-fetch", JobStatus.Failed, 6, wait: 0, failedStep: "fetch"),
        Seed("failed-unknown", JobStatus.Failed, 5, wait: 50),
        Seed("cancelled-queued", JobStatus.Cancelled, 4),
        Seed("cancelled-running", JobStatus.Cancelled, 3, wait: 60),
        Seed("pending", JobStatus.Pending, 0.02),
        Seed("processing", JobStatus.Processing, 1, wait: 30, steps: [6, 12, null]),
        Seed("yesterday", JobStatus.Completed, 25, wait: 1000, steps: [100, 100, 100, 100, 100]),
    ];

    [Fact]
    public void Counts_are_of_the_jobs_created_in_the_last_24_hours_by_their_status_now()
    {
        var stats = JobStats.Compute(Seeded, Now);

        stats.Since.ShouldBe(Now.AddHours(-24));
        stats.Until.ShouldBe(Now);
        stats.WindowHours.ShouldBe(24);
        (stats.Created, stats.Completed, stats.Failed, stats.Cancelled, stats.Pending, stats.Processing).ShouldBe((10, 3, 3, 2, 1, 1));
    }

    [Fact]
    public void Success_rate_is_completed_over_completed_plus_failed_and_cancelled_jobs_do_not_count()
    {
        JobStats.Compute(Seeded, Now).SuccessRate.ShouldBe(0.5);

        var cancelledOnly = JobStats.Compute(Seeded.Where(j => j.Status == JobStatus.Cancelled), Now);
        cancelledOnly.SuccessRate.ShouldBeNull();
        JobStats.Compute(Seeded.Where(j => j.Id is "done-60" or "failed-fetch" or "failed-audio" or "cancelled-queued"), Now)
            .SuccessRate.ShouldBe(1.0 / 3);
    }

    [Fact]
    public void Processing_time_is_started_to_completed_of_completed_jobs_with_mean_and_nearest_rank_p95()
    {
        var processing = JobStats.Compute(Seeded, Now).ProcessingTime;

        processing.ShouldBe(new DurationStats(Count: 3, AverageSeconds: 90, P95Seconds: 120));
    }

    [Fact]
    public void Queue_wait_is_created_to_started_of_every_job_that_started_whatever_became_of_it()
    {
        // 30, 10, 20, 40, 0, 50, 60, 30: the two jobs that never started are not in it.
        var wait = JobStats.Compute(Seeded, Now).QueueWait;

        wait.ShouldBe(new DurationStats(Count: 8, AverageSeconds: 30, P95Seconds: 60));
    }

    [Fact]
    public void Failures_are_counted_by_step_in_pipeline_order_with_an_unknown_step_last()
    {
        var failures = JobStats.Compute(Seeded, Now).FailuresByStep;

        failures.ShouldBe(
        [
            new StepCount("fetch", 1), new StepCount("script", 0), new StepCount("audio", 1),
            new StepCount("slides", 0), new StepCount("video", 0), new StepCount("unknown", 1),
        ]);
    }

    [Fact]
    public void Per_step_averages_use_every_finished_step_and_skip_unfinished_ones()
    {
        var steps = JobStats.Compute(Seeded, Now).Steps;

        steps.ShouldBe(
        [
            new StepDuration("fetch", 5, 4, 6),      // 5, 3, 2, 4, 6
            new StepDuration("script", 5, 10, 12),   // 10, 12, 8, 8, 12
            new StepDuration("audio", 3, 40, 50),    // 30, 50, 40 (two still running or failed in it)
            new StepDuration("slides", 3, 15, 20),   // 10, 20, 15
            new StepDuration("video", 3, 21.667, 35), // 5, 35, 25: 65/3 rounded to the millisecond
        ]);
    }

    [Fact]
    public void A_step_that_finished_before_it_started_is_ignored()
    {
        var job = Seed("odd", JobStatus.Completed, 1, wait: 1, steps: [10]) with
        {
            StepTimings = new() { ["fetch"] = new StepTiming(Now.AddMinutes(-5), Now.AddMinutes(-6)) },
        };

        JobStats.Compute([job], Now).Steps[0].ShouldBe(new StepDuration("fetch", 0, null, null));
    }

    [Fact]
    public void The_window_starts_exactly_24_hours_ago_and_ends_now()
    {
        var atEdge = Seed("edge", JobStatus.Pending, 24);
        var justBefore = atEdge with { Id = "before", Created = atEdge.Created.AddMilliseconds(-1) };
        var future = atEdge with { Id = "future", Created = Now.AddMilliseconds(1) };

        JobStats.Compute([atEdge, justBefore, future], Now).Created.ShouldBe(1);
        JobStats.Compute([atEdge, justBefore], Now, TimeSpan.FromHours(48)).Created.ShouldBe(2);
    }

    [Fact]
    public void With_no_jobs_every_count_is_zero_and_every_figure_is_empty()
    {
        var stats = JobStats.Compute([], Now);

        stats.Created.ShouldBe(0);
        stats.SuccessRate.ShouldBeNull();
        stats.ProcessingTime.ShouldBe(new DurationStats(0, null, null));
        stats.QueueWait.ShouldBe(new DurationStats(0, null, null));
        stats.FailuresByStep.Select(f => f.Count).ShouldAllBe(c => c == 0);
        stats.FailuresByStep.Count.ShouldBe(5);
        stats.Steps.ShouldAllBe(s => s.Count == 0 && s.AverageSeconds == null && s.P95Seconds == null);
    }

    [Theory]
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 30, 20)]
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 40, 20)]
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 50, 35)]
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 100, 50)]
    [InlineData(new double[] { 50, 15, 40, 20, 35 }, 1, 15)]
    [InlineData(new double[] { 7 }, 95, 7)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 95, 10)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, 95, 19)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 }, 95, 20)]
    public void Percentile_is_the_nearest_rank_value(double[] values, int percent, double expected)
    {
        JobStats.Percentile(values, percent).ShouldBe(expected);
    }

    [Fact]
    public void The_percentile_of_nothing_is_null()
    {
        JobStats.Percentile([], 95).ShouldBeNull();
    }
}
