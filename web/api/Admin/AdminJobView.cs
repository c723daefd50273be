using MovieGen.Api.Jobs;
using MovieGen.Jobs;

namespace MovieGen.Api.Admin;

/// <summary>A job as operators see it, in the JSON API, the event stream and the page's script
/// alike. Durations are seconds; <see cref="ProcessingSeconds"/> runs on while the job does.</summary>
public sealed record AdminJobView(
    string Id,
    string Url,
    JobStatus Status,
    int Progress,
    string Step,
    string Message,
    string WorkerId,
    int Attempts,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? StepStartedAt,
    string FailedStep,
    string ErrorMessage,
    IReadOnlyDictionary<string, double> StepSeconds,
    double? QueueWaitSeconds,
    double? ProcessingSeconds,
    string PageUrl)
{
    public static AdminJobView From(Job job, DateTimeOffset now)
    {
        var step = Stages.Of(job);
        var stepStarted = job.StepTimings is { } timings && timings.TryGetValue(step, out var timing) ? timing.Started : null;
        var end = job.Status == JobStatus.Processing ? now : job.CompletedAt;
        return new AdminJobView(
            job.Id,
            job.Url,
            job.Status,
            job.Progress,
            step,
            job.ProgressMessage,
            job.WorkerId,
            job.Attempts,
            job.Created,
            job.Updated,
            job.StartedAt,
            job.CompletedAt,
            stepStarted,
            job.FailedStep,
            job.ErrorMessage,
            Stages.Durations(job).ToDictionary(d => d.Step, d => Seconds(d.Duration)),
            job.StartedAt is { } started ? Seconds(started - job.Created) : null,
            job.StartedAt is { } s && end is { } e && e >= s ? Seconds(e - s) : null,
            JobViews.PagePath(job.Id));
    }

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3, MidpointRounding.AwayFromZero);
}
