namespace MovieGen;

/// <summary>Where a job is in its life. The wire names (lower case) are the job record's
/// <c>status</c> values and the JSON API's.</summary>
public enum JobStatus
{
    Pending,
    Processing,
    Completed,
    Failed,
    Cancelled,
}

public static class JobStatuses
{
    public static IReadOnlyList<JobStatus> All { get; } = Enum.GetValues<JobStatus>();

    private static readonly Dictionary<string, JobStatus> ByWireName = All.ToDictionary(ToWireName, StringComparer.OrdinalIgnoreCase);

    public static string ToWireName(this JobStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The status of a wire name; null for an unknown one.</summary>
    public static JobStatus? FromWireName(string? name) =>
        name is not null && ByWireName.TryGetValue(name, out var status) ? status : null;

    /// <summary>True once nothing more happens to the job.</summary>
    public static bool IsTerminal(this JobStatus status) => status switch
    {
        JobStatus.Pending or JobStatus.Processing => false,
        JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled => true,
    };
}
