namespace MovieGen.Pipeline;

/// <summary>Progress inside one stage: <paramref name="Done"/> of <paramref name="Total"/> items
/// (phrases, slides, encoded seconds…). <paramref name="Total"/> 0 means "not countable yet".</summary>
public sealed record StepProgress(PipelineStep Step, int Done, int Total);
