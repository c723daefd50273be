using MovieGen.Jobs;

namespace MovieGen.Api.Jobs;

/// <summary>What anyone holding a job's id may see: no client address hash, no worker, no server
/// paths. <see cref="QueuePosition"/> only while pending; <see cref="VideoUrl"/> and
/// <see cref="DownloadUrl"/> only once completed.</summary>
public sealed record JobView(
    string Id,
    JobStatus Status,
    int Progress,
    string? CurrentStep,
    string? ProgressMessage,
    int? QueuePosition,
    string Url,
    string? ErrorMessage,
    string? FailedStep,
    double? VideoDuration,
    long? VideoSize,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ExpiresAt,
    string PageUrl,
    string StatusUrl,
    string CancelUrl,
    string? VideoUrl,
    string? DownloadUrl);

/// <summary>The request body of <c>POST /api/jobs</c>.</summary>
public sealed record CreateJobRequest(string? Url);
