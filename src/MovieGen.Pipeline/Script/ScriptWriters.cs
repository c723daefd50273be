namespace MovieGen.Pipeline.Script;

/// <summary>Chooses the script writer from the settings.</summary>
public static class ScriptWriters
{
    /// <summary>The LLM writer when OPENROUTER_API_KEY is set, else the offline writer.
    /// <paramref name="http"/> is used for the LLM endpoint and must carry
    /// <see cref="LlmScriptWriter.ConfigureResilience"/> (one is made when null).</summary>
    public static IScriptWriter Create(PipelineOptions options, HttpClient? http = null) =>
        string.IsNullOrWhiteSpace(options.OpenRouterApiKey)
            ? new OfflineScriptWriter(options)
            : new LlmScriptWriter(http ?? LlmScriptWriter.CreateHttpClient(options), options);
}
