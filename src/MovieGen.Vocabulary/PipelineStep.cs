namespace MovieGen;

/// <summary>The stages of the pipeline, in the order they run. Their wire names (lower case) are
/// the job record's <c>current_step</c> / <c>failed_step</c> values, the keys of its step timings,
/// the pages' <c>data-step</c> values and CSS classes.</summary>
public enum PipelineStep
{
    Fetch,
    Script,
    Audio,
    Slides,
    Video,
}

public static class PipelineSteps
{
    /// <summary>Every step, in pipeline order.</summary>
    public static IReadOnlyList<PipelineStep> All { get; } = Enum.GetValues<PipelineStep>();

    /// <summary>The wire names of <see cref="All"/>, in the same order.</summary>
    public static IReadOnlyList<string> WireNames { get; } = [.. All.Select(ToWireName)];

    private static readonly Dictionary<string, PipelineStep> ByWireName = All.ToDictionary(ToWireName, StringComparer.OrdinalIgnoreCase);

    public static string ToWireName(this PipelineStep step) => step.ToString().ToLowerInvariant();

    /// <summary>The step of a wire name; null for an empty or unknown one.</summary>
    public static PipelineStep? FromWireName(string? name) =>
        name is not null && ByWireName.TryGetValue(name, out var step) ? step : null;
}
