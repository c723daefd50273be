namespace MovieGen.Pipeline;

/// <summary>A finished run.</summary>
/// <param name="VideoPath">Relative to the job directory ("output.mp4"), never absolute.</param>
/// <param name="StepsRun">The steps that did work in this run; the others were skipped because
/// their artefacts already existed (a resumed run).</param>
public sealed record PipelineResult(string VideoPath, long VideoSize, double VideoDurationSeconds, IReadOnlyList<PipelineStep> StepsRun);
