namespace MovieGen.Pipeline;

/// <summary>What a pipeline run starts from: an article URL, or a finished <c>script.yaml</c>
/// (fetch and script writing are then skipped).</summary>
public sealed record PipelineInput
{
    private PipelineInput(Uri? url, string? scriptPath)
    {
        Url = url;
        ScriptPath = scriptPath;
    }

    public Uri? Url { get; }

    public string? ScriptPath { get; }

    public static PipelineInput FromUrl(Uri url) => new(url, null);

    public static PipelineInput FromScript(string path) => new(null, Path.GetFullPath(path));

    /// <summary>An http(s) URL, or else a path to a script file.</summary>
    public static PipelineInput Parse(string urlOrPath) =>
        Uri.TryCreate(urlOrPath, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? FromUrl(uri)
            : FromScript(urlOrPath);

    public override string ToString() => Url?.ToString() ?? ScriptPath!;
}
