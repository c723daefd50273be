using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Soak;

/// <summary>Watches PocketBase as an operator would, twice a second: what state every job is in,
/// who holds it, when it ends (and then checks its video with ffprobe), and when its record and
/// files disappear — against its expiry, for the retention check. Also samples memory and the
/// queue length.</summary>
public sealed class Monitor(SoakStack stack, JobLedger ledger)
{
    /// <summary>How late a purge may be: one CLEANUP_CRON period (1 minute) plus slack.</summary>
    public static readonly TimeSpan PurgeAllowance = TimeSpan.FromSeconds(75);

    private readonly List<Task> probes = [];

    public int MaxPending { get; private set; }

    public int ListFailures { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            stack.SampleMemory();
            try
            {
                await ObserveAsync(ct);
            }
            catch (PocketBaseFailure)
            {
                ListFailures++; // PocketBase restarting: look again next round
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break; // the run is over; the last look was cut short
            }

            try
            {
                await Task.Delay(500, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(probes);
    }

    private async Task ObserveAsync(CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var seen = new Dictionary<string, Job>();
        await foreach (var job in stack.Store.ListAllAsync(null, "created", ct))
        {
            seen[job.Id] = job;
        }

        MaxPending = Math.Max(MaxPending, seen.Values.Count(j => j.Status == JobStatus.Pending));
        foreach (var tracked in ledger.All)
        {
            if (seen.TryGetValue(tracked.Id, out var job))
            {
                tracked.Last = job;
                if (job.Status == JobStatus.Processing && job.WorkerId != "")
                {
                    tracked.Holders.Add(job.WorkerId);
                }

                if (job.IsTerminal && tracked.TerminalSeenAt is null)
                {
                    tracked.TerminalSeenAt = now;
                    if (job.Status == JobStatus.Completed)
                    {
                        probes.Add(ProbeVideoAsync(tracked, job));
                    }
                }

                if (job.ExpiresAt is { } expires && now > expires + PurgeAllowance)
                {
                    tracked.LingeredPastExpiry ??= "record";
                }
            }
            else if (tracked.Last is not null && tracked.GoneAt is null)
            {
                tracked.GoneAt = now;
                tracked.DeletedEarly = tracked.Last.ExpiresAt is not { } e || now < e;
            }

            if (tracked.GoneAt is not null && tracked.Last?.ExpiresAt is { } exp && now > exp + PurgeAllowance)
            {
                if (Directory.Exists(Path.Combine(stack.JobDataDir, tracked.Id)))
                {
                    tracked.LingeredPastExpiry ??= "files";
                }
                else if (StoredVideo.OnDisk(stack.PocketBase, tracked.Id).Count > 0)
                {
                    tracked.LingeredPastExpiry ??= "stored files";
                }
            }
        }
    }

    private async Task ProbeVideoAsync(TrackedJob tracked, Job job)
    {
        try
        {
            var file = Path.Combine(stack.Root, $"{job.Id}-probe.mp4");
            await using (var video = await stack.Store.OpenVideoAsync(job, 0, null, default))
            await using (var copy = File.Create(file))
            {
                await video.Body.CopyToAsync(copy);
            }

            var probe = await VideoProbe.ReadAsync(file);
            File.Delete(file);
            tracked.VideoOk = probe.VideoCodec == "h264" && probe.AudioCodec == "aac" && Math.Abs(probe.Duration - job.VideoDuration) < 0.5;
            tracked.VideoProblem = tracked.VideoOk == true ? null : $"{probe}";
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or MovieGen.Jobs.PocketBase.PocketBaseFailure)
        {
            tracked.VideoOk = false;
            tracked.VideoProblem = ex.Message;
        }
    }
}
