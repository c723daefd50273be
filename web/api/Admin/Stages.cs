using MovieGen.Jobs;

namespace MovieGen.Api.Admin;

/// <summary>Where a job is in the pipeline, as the dashboard shows it (wire names, as on the record).</summary>
public static class Stages
{
    /// <summary>Where a running job is: a just-claimed job has written no step yet, and the worker
    /// starts every job with the first step.</summary>
    public static string Of(Job job) =>
        job.CurrentStep.Length > 0 ? job.CurrentStep : job.Status == JobStatus.Processing ? PipelineSteps.WireNames[0] : "";

    /// <summary>How long each finished step took, in pipeline order.</summary>
    public static IEnumerable<(string Step, TimeSpan Duration)> Durations(Job job)
    {
        if (job.StepTimings is not { } timings)
        {
            yield break;
        }

        foreach (var step in PipelineSteps.WireNames)
        {
            if (timings.TryGetValue(step, out var timing) && timing is { Started: { } started, Finished: { } finished } && finished >= started)
            {
                yield return (step, finished - started);
            }
        }
    }
}
