using MovieGen.Jobs;

namespace MovieGen.Api.Admin;

/// <summary>The pipeline's steps in the order a job goes through them.</summary>
public static class Stages
{
    public static IReadOnlyList<string> All { get; } = ["fetch", "script", "audio", "slides", "video"];

    /// <summary>Where a running job is: a just-claimed job has written no step yet, and the worker
    /// starts every job with fetch.</summary>
    public static string Of(Job job) =>
        job.CurrentStep.Length > 0 ? job.CurrentStep : job.Status == JobStatus.Processing ? All[0] : "";

    /// <summary>How long each finished step took, in pipeline order.</summary>
    public static IEnumerable<(string Step, TimeSpan Duration)> Durations(Job job)
    {
        if (job.StepTimings is not { } timings)
        {
            yield break;
        }

        foreach (var step in All)
        {
            if (timings.TryGetValue(step, out var timing) && timing is { Started: { } started, Finished: { } finished } && finished >= started)
            {
                yield return (step, finished - started);
            }
        }
    }
}
