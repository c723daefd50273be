namespace MovieGen.Pipeline;

/// <summary>A pipeline failure with a message a user can act on. <see cref="IsTransient"/> says
/// whether trying again later may succeed (network trouble, 5xx, 429) or not (bad article,
/// invalid script). Internals belong in <see cref="Exception.InnerException"/> and the log.</summary>
public class PipelineException(PipelineStep step, string userMessage, bool isTransient = false, Exception? inner = null)
    : Exception(userMessage, inner)
{
    public PipelineStep Step { get; } = step;

    public bool IsTransient { get; } = isTransient;
}
