namespace MovieGen.Jobs;

/// <summary>What the create-with-limits route decided.</summary>
public abstract record CreateJobResult
{
    /// <summary>A new job was queued.</summary>
    public sealed record Created(Job Job) : CreateJobResult;

    /// <summary>The same client already has this URL queued or running: that job, not a second.</summary>
    public sealed record AlreadyQueued(Job Job) : CreateJobResult;

    /// <summary>Over a limit; nothing was created.</summary>
    public sealed record Refused(RefusalReason Reason, int Limit, TimeSpan RetryAfter) : CreateJobResult;
}

public enum RefusalReason
{
    DailyQuota,
    QueueFull,
}

/// <summary>The limits the create route enforces atomically.</summary>
public sealed record JobLimits(int PerClientPerDay, int MaxQueued);

/// <summary>A new job: the normalised URL, the keyed hash of the client address, and the
/// requester's language.</summary>
public sealed record NewJob(string Url, string ClientKey, string Lang);

/// <summary>Claim settings of one worker.</summary>
public sealed record ClaimRequest(string WorkerId, TimeSpan Lease, int MaxAttempts);

/// <summary>The claimed job (null when the queue is empty) and how many jobs the claim ended as
/// failed because their lease expired on their last attempt.</summary>
public sealed record ClaimResult(Job? Job, int ExhaustedFailed);

/// <summary>Who stopped a job: the person who asked for it, or an operator (whose cancel the job
/// then explains, in the requester's language).</summary>
public enum CancelledBy
{
    Requester,
    Operator,
}

public abstract record CancelResult
{
    public sealed record Cancelled(Job Job) : CancelResult;

    public sealed record AlreadyFinished(Job Job) : CancelResult;

    public sealed record NotFound : CancelResult;
}

/// <summary>The worker no longer holds the job: it was cancelled, finished, or reclaimed by
/// another worker after a lease expiry. The worker must stop working on it.</summary>
public sealed class JobLostException(string jobId, string status)
    : Exception($"Job {jobId} is no longer held by this worker (status: {status}).")
{
    public string JobId { get; } = jobId;

    /// <summary>The <see cref="Status"/> of a job whose record no longer exists (purged, or deleted by an operator).</summary>
    public const string Deleted = "deleted";

    public string Status { get; } = status;

    /// <summary>Cancelled or deleted: nobody will finish the job, so its files can go.</summary>
    public bool WasCancelled => Status is "cancelled" or Deleted;
}
