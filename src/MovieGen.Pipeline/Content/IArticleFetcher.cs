namespace MovieGen.Pipeline.Content;

/// <summary>Stage 1 of the pipeline: downloads an article page and extracts its text.</summary>
public interface IArticleFetcher
{
    /// <summary>Fetches and extracts <paramref name="url"/>. Fails with a
    /// <see cref="PipelineException"/> of step <see cref="PipelineStep.Fetch"/> whose message a user
    /// can act on (HTTP status, not HTML, too little text, refused address, timeout…).</summary>
    Task<Article> FetchAsync(Uri url, IProgress<StepProgress>? progress, CancellationToken ct);
}
