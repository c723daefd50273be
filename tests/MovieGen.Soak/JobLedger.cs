using System.Collections.Concurrent;
using MovieGen.Jobs;

namespace MovieGen.Soak;

/// <summary>Everything the soak learned about one job.</summary>
public sealed class TrackedJob(string id, string origin)
{
    public string Id { get; } = id;

    /// <summary>Which part of the run created it ("load", "hostile: …").</summary>
    public string Origin { get; } = origin;

    public Job? Last { get; set; }

    public DateTimeOffset? TerminalSeenAt { get; set; }

    public DateTimeOffset? GoneAt { get; set; }

    public bool? VideoOk { get; set; }

    public string? VideoProblem { get; set; }

    /// <summary>Worker ids seen holding it while it was processing.</summary>
    public HashSet<string> Holders { get; } = [];

    /// <summary>A deletion seen before the job expired (a retention violation).</summary>
    public bool DeletedEarly { get; set; }

    /// <summary>Still there (record or files) more than a purge period after it expired.</summary>
    public string? LingeredPastExpiry { get; set; }
}

/// <summary>The soak's record of every job it created, and what became of each.</summary>
public sealed class JobLedger
{
    private readonly ConcurrentDictionary<string, TrackedJob> jobs = new();

    public void Add(string id, string origin) => jobs.TryAdd(id, new TrackedJob(id, origin));

    public bool TryGet(string id, out TrackedJob job) => jobs.TryGetValue(id, out job!);

    public IReadOnlyList<TrackedJob> All => jobs.Values.OrderBy(j => j.Last?.Created ?? DateTimeOffset.MaxValue).ToList();

    public int Count => jobs.Count;
}
