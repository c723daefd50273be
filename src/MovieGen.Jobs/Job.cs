using System.Text.Json;
using System.Text.Json.Serialization;

namespace MovieGen.Jobs;

/// <summary>A record of the <c>jobs</c> collection (shared/DESIGN.md §3). Dates are UTC; an empty
/// PocketBase date is null.</summary>
public sealed record Job
{
    public string Id { get; init; } = "";

    public string Url { get; init; } = "";

    public JobStatus Status { get; init; }

    public int Progress { get; init; }

    public string ProgressMessage { get; init; } = "";

    public string CurrentStep { get; init; } = "";

    /// <summary>The stored MP4's file name on the record (file field <c>video</c>; empty until the
    /// worker uploaded it). Read it through <see cref="JobStore.OpenVideoAsync"/>.</summary>
    public string Video { get; init; } = "";

    /// <summary>The stored <c>script.yaml</c> (file field <c>script</c>), uploaded when the script
    /// step ends so a job resumed on another host does not write it again.</summary>
    public string Script { get; init; } = "";

    public long VideoSize { get; init; }

    public double VideoDuration { get; init; }

    public string ErrorMessage { get; init; } = "";

    public string FailedStep { get; init; } = "";

    /// <summary>A keyed hash of the client address, never the address.</summary>
    public string ClientIp { get; init; } = "";

    /// <summary>The code of the language of the person who asked (<see cref="Languages.Code"/>).</summary>
    public string Lang { get; init; } = "";

    /// <summary><see cref="Lang"/> as the language to write the job's messages in.</summary>
    [JsonIgnore]
    public MovieGen.Lang Language => Languages.FromCode(Lang);

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Updated { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public int Attempts { get; init; }

    public string WorkerId { get; init; } = "";

    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>When each step started and finished: <c>{"fetch": {"started": …, "finished": …}}</c>.</summary>
    public Dictionary<string, StepTiming>? StepTimings { get; init; }

    [JsonIgnore]
    public bool IsTerminal => Status.IsTerminal();
}

/// <summary>One step's start and end on the job record (dates as PocketBase text).</summary>
public sealed record StepTiming(DateTimeOffset? Started, DateTimeOffset? Finished);

/// <summary>Fields a worker writes while it holds a job (null = unchanged).</summary>
public sealed record JobUpdate
{
    public int? Progress { get; init; }

    public string? ProgressMessage { get; init; }

    public string? CurrentStep { get; init; }

    public long? VideoSize { get; init; }

    public double? VideoDuration { get; init; }

    public string? ErrorMessage { get; init; }

    public string? FailedStep { get; init; }

    public Dictionary<string, StepTiming>? StepTimings { get; init; }

    /// <summary>Only <see cref="JobStatus.Completed"/> or <see cref="JobStatus.Failed"/>.</summary>
    public JobStatus? Status { get; init; }
}

internal static class JobJson
{
    public static Job ReadJob(JsonElement element) => element.Deserialize<Job>(MovieGen.Jobs.PocketBase.PbJson.Options)!;
}
