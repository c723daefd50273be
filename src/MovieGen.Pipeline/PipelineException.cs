namespace MovieGen.Pipeline;

/// <summary>A pipeline failure with a message a user can act on, in both languages
/// (<see cref="UserMessage"/>; <see cref="Exception.Message"/> is the Japanese one, for logs).
/// <see cref="IsTransient"/> says whether trying again later may succeed (network trouble, 5xx,
/// 429) or not (bad article, invalid script). Internals belong in
/// <see cref="Exception.InnerException"/> and the log.</summary>
public class PipelineException(PipelineStep step, UserText userMessage, bool isTransient = false, Exception? inner = null)
    : Exception(userMessage.Ja, inner)
{
    public PipelineStep Step { get; } = step;

    public UserText UserMessage { get; } = userMessage;

    public bool IsTransient { get; } = isTransient;
}
