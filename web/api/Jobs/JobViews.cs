using Microsoft.AspNetCore.Http.Extensions;
using MovieGen.Jobs;

namespace MovieGen.Api.Jobs;

/// <summary>Builds the public view of a job, with absolute links for curl users.</summary>
public sealed class JobViews(JobStore store)
{
    public static string PagePath(string id) => $"/jobs/{id}";

    public static string StatusPath(string id) => $"/api/jobs/{id}";

    public static string CancelPath(string id) => $"/api/jobs/{id}/cancel";

    public static string VideoPath(string id) => $"/api/jobs/{id}/video";

    public static string DownloadPath(string id) => $"/api/jobs/{id}/video?download=1";

    public async Task<JobView> ForAsync(Job job, HttpRequest request, CancellationToken ct)
    {
        int? position = job.Status == JobStatus.Pending ? await store.QueuePositionAsync(job, ct) : null;
        var completed = job.Status == JobStatus.Completed;
        return new JobView(
            job.Id,
            job.Status,
            job.Progress,
            Empty(job.CurrentStep),
            Empty(job.ProgressMessage),
            position,
            job.Url,
            Empty(job.ErrorMessage),
            Empty(job.FailedStep),
            completed ? job.VideoDuration : null,
            completed ? job.VideoSize : null,
            job.Created,
            job.Updated,
            job.StartedAt,
            job.CompletedAt,
            job.ExpiresAt,
            Absolute(request, PagePath(job.Id)),
            Absolute(request, StatusPath(job.Id)),
            Absolute(request, CancelPath(job.Id)),
            completed ? Absolute(request, VideoPath(job.Id)) : null,
            completed ? Absolute(request, DownloadPath(job.Id)) : null);
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Absolute(HttpRequest request, string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return query < 0
            ? UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, pathAndQuery)
            : UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, pathAndQuery[..query], new QueryString(pathAndQuery[query..]));
    }
}
