namespace MovieGen.Soak;

/// <summary>How big a soak run is. <see cref="Full"/> is <c>make soak</c>; <see cref="Smoke"/> is the
/// short version <c>make test</c> runs so CI exercises the same path.</summary>
public sealed record SoakProfile(
    string Name,
    int Jobs,
    int Clients,
    TimeSpan CreateOver,
    int SseViewers,
    int Pollers,
    int WorkerKills,
    bool WorkerTerm,
    bool PocketBaseRestart,
    bool DiskFull,
    bool Hostile,
    double ExpirationHours,
    TimeSpan Deadline)
{
    public static SoakProfile Full { get; } = new("full", Jobs: 40, Clients: 10, CreateOver: TimeSpan.FromSeconds(120),
        SseViewers: 300, Pollers: 50, WorkerKills: 2, WorkerTerm: true, PocketBaseRestart: true, DiskFull: true,
        Hostile: true, ExpirationHours: 0.03, Deadline: TimeSpan.FromMinutes(10));

    public static SoakProfile Smoke { get; } = new("smoke", Jobs: 4, Clients: 2, CreateOver: TimeSpan.FromSeconds(4),
        SseViewers: 8, Pollers: 2, WorkerKills: 1, WorkerTerm: false, PocketBaseRestart: false, DiskFull: false,
        Hostile: false, ExpirationHours: 24, Deadline: TimeSpan.FromMinutes(3));
}
