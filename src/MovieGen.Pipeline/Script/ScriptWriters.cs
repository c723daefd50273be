namespace MovieGen.Pipeline.Script;

/// <summary>Chooses the script writer from the settings.</summary>
public static class ScriptWriters
{
    /// <summary>The LLM writer when OPENROUTER_API_KEY is set, else the offline writer.
    /// <paramref name="http"/> is used for the LLM endpoint (a plain client is made when null).</summary>
    public static IScriptWriter Create(PipelineOptions options, HttpClient? http = null) =>
        string.IsNullOrWhiteSpace(options.OpenRouterApiKey)
            ? new OfflineScriptWriter(options)
            : new LlmScriptWriter(http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options);
}
