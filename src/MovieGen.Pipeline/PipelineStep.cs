namespace MovieGen.Pipeline;

/// <summary>The stages of the pipeline, in the order they run. Names match the job record's
/// <c>current_step</c> / <c>failed_step</c> values (lower case).</summary>
public enum PipelineStep
{
    Fetch,
    Script,
    Audio,
    Slides,
    Video,
}

/// <summary>Progress inside one stage: <paramref name="Done"/> of <paramref name="Total"/> items
/// (phrases, slides, encoded seconds…). <paramref name="Total"/> 0 means "not countable yet".</summary>
public sealed record StepProgress(PipelineStep Step, int Done, int Total);

public static class PipelineStepNames
{
    public static string ToWireName(this PipelineStep step) => step.ToString().ToLowerInvariant();

    public static PipelineStep? FromWireName(string? name) =>
        Enum.TryParse<PipelineStep>(name, ignoreCase: true, out var step) ? step : null;
}
