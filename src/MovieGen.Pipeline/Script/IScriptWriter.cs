namespace MovieGen.Pipeline.Script;

/// <summary>What the script should fit: the spoken length the video may take.</summary>
public sealed record ScriptRequest(double MaxDurationMinutes = 5)
{
    public TimeSpan MaxDuration => TimeSpan.FromMinutes(MaxDurationMinutes);

    public static ScriptRequest From(PipelineOptions options) => new(options.MaxVideoDurationMinutes);
}

/// <summary>Stage 2 of the pipeline: turns an article into a two-persona dialogue script whose
/// Japanese lines carry kana readings. Fails with a <see cref="PipelineException"/> of step
/// <see cref="PipelineStep.Script"/>.</summary>
public interface IScriptWriter
{
    Task<VideoScript> WriteAsync(Content.Article article, ScriptRequest request, IProgress<StepProgress>? progress, CancellationToken ct);
}
