using System.Globalization;
using System.Text;
using MovieGen.Jobs;

namespace MovieGen.Soak;

/// <summary>docs/RELIABILITY.md from a soak result.</summary>
public static class SoakReport
{
    public static string Markdown(SoakResult r, string command, string machine)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        var jobs = r.Jobs.Where(j => j.Last is not null).ToList();
        var completed = jobs.Where(j => j.Last!.Status == JobStatus.Completed).ToList();
        var failed = jobs.Where(j => j.Last!.Status == JobStatus.Failed).ToList();
        var cancelled = jobs.Where(j => j.Last!.Status == JobStatus.Cancelled).ToList();
        var queue = jobs.Where(j => j.Last!.StartedAt is not null).Select(j => (j.Last!.StartedAt!.Value - j.Last.Created).TotalSeconds).ToList();
        var endToEnd = completed.Select(j => (j.Last!.CompletedAt!.Value - j.Last.Created).TotalSeconds).ToList();
        var apiRequests = r.Polling.Requests + r.CreateStatuses.Count;
        var apiErrors = r.Polling.ServerErrors + r.Polling.Errors + r.CreateTransportErrors + r.CreateStatuses.Count(s => s >= 500);

        md.AppendLine("# Reliability report");
        md.AppendLine();
        md.AppendLine(inv, $"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, profile **{r.Profile.Name}**, run time {r.Duration.TotalMinutes:0.0} min.");
        md.AppendLine();
        md.AppendLine(machine);
        md.AppendLine();
        md.AppendLine("The real stack on loopback, started as `make run` starts it: PocketBase 0.22.20, the API process and two worker processes (2 slots each, 10 s leases, 3 attempts), a temporary data dir, articles served by WireMock.Net on 127.0.0.2 (the one address exempted from the SSRF guard through `FETCH_ALLOW_ADDRESSES`; `ALLOW_PRIVATE_URLS=false`), `TRUSTED_PROXIES=127.0.0.1`, `RATE_LIMIT_PER_DAY=5`, `JOB_EXPIRATION_HOURS=" + r.Profile.ExpirationHours.ToString(inv) + "` and `CLEANUP_CRON=* * * * *` (purge every minute).");
        md.AppendLine();
        md.AppendLine("## Outcome");
        md.AppendLine();
        md.AppendLine(r.Violations.Count == 0
            ? "**All required outcomes met**: every job ended `completed`, `failed` with a clear message, or `cancelled`; none was lost, duplicated or left in `processing`; every completed video passed ffprobe; no hostile request got a 5xx, created a job beyond the limits or wrote anything anonymously; every expired job's record and files went within one purge period and no unexpired one did."
            : "**Requirements NOT met:**");
        foreach (var v in r.Violations)
        {
            md.AppendLine(inv, $"- {v}");
        }

        md.AppendLine();
        md.AppendLine("## Load");
        md.AppendLine();
        md.AppendLine(inv, $"{r.Profile.Jobs} jobs created through `POST /api/jobs` over {r.Profile.CreateOver.TotalSeconds:0} s from {r.Profile.Clients} client addresses (X-Forwarded-For through the trusted proxy), watched by {r.Profile.SseViewers} realtime viewers speaking the JS SDK's protocol to PocketBase and {r.Profile.Pollers} pollers of `GET /api/jobs/{{id}}` every 2 s; hostile requests and faults during the load.");
        md.AppendLine();
        md.AppendLine("| figure | value |");
        md.AppendLine("|---|---:|");
        md.AppendLine(inv, $"| jobs in the run (load + hostile that got through) | {jobs.Count} |");
        md.AppendLine(inv, $"| completed / failed / cancelled | {completed.Count} / {failed.Count} / {cancelled.Count} |");
        md.AppendLine(inv, $"| time in queue p50 / p95 (created → started) | {P(queue, 50):0.0} s / {P(queue, 95):0.0} s |");
        md.AppendLine(inv, $"| end to end p50 / p95 (created → completed) | {P(endToEnd, 50):0.0} s / {P(endToEnd, 95):0.0} s |");
        md.AppendLine(inv, $"| update latency seen by realtime viewers p50 / p95 ({r.Sse.UpdateLatencyMs.Count} updates) | {P([.. r.Sse.UpdateLatencyMs], 50):0} ms / {P([.. r.Sse.UpdateLatencyMs], 95):0} ms |");
        md.AppendLine(inv, $"| realtime viewer reconnects (PocketBase restart) | {r.Sse.Reconnects} |");
        md.AppendLine(inv, $"| API error rate (5xx + transport errors / requests, pollers + creates) | {apiErrors} / {apiRequests} = {(apiRequests == 0 ? 0 : 100.0 * apiErrors / apiRequests):0.00} % |");
        md.AppendLine(inv, $"| most jobs pending at once | {r.MaxPending} |");
        foreach (var (role, mb) in r.PeakMemoryMb.OrderBy(kv => kv.Key))
        {
            md.AppendLine(inv, $"| peak memory (VmHWM), {role} | {mb:0} MB |");
        }

        md.AppendLine();
        md.AppendLine("## Faults");
        md.AppendLine();
        md.AppendLine("| fault | at | jobs hit | what became of them | note |");
        md.AppendLine("|---|---:|---|---|---|");
        foreach (var f in r.Faults)
        {
            var fates = f.AffectedJobs.Select(id => r.Jobs.FirstOrDefault(j => j.Id == id)).Where(j => j?.Last is not null)
                .Select(j => $"`{j!.Id}` {j.Last!.Status.ToString().ToLowerInvariant()} (attempts {j.Last.Attempts}{(j.Last.Status == JobStatus.Failed ? ": " + j.Last.ErrorMessage : "")})");
            md.AppendLine(inv, $"| {f.Name} | {f.At.TotalSeconds:0} s | {f.AffectedJobs.Count} | {string.Join("<br>", fates)} | {f.Note} |");
        }

        md.AppendLine();
        md.AppendLine("## Hostile input");
        md.AppendLine();
        md.AppendLine("| class | requests | responses | required | met |");
        md.AppendLine("|---|---:|---|---|---|");
        foreach (var c in r.Hostile)
        {
            md.AppendLine(inv, $"| {c.Name} | {c.Statuses.Count} | {c.Summary} | {c.Required} | {(c.Violations.Count == 0 ? "yes" : "NO: " + string.Join("; ", c.Violations))} |");
        }

        md.AppendLine();
        md.AppendLine("## Retention");
        md.AppendLine();
        var purged = jobs.Where(j => j.GoneAt is not null && j.Last!.ExpiresAt is not null).ToList();
        var lateness = purged.Select(j => (j.GoneAt!.Value - j.Last!.ExpiresAt!.Value).TotalSeconds).ToList();
        md.AppendLine(r.Profile.ExpirationHours < 1
            ? string.Create(inv, $"{purged.Count} of {jobs.Count} jobs expired during the run and were purged (record and directory) {P(lateness, 50):0} s (median) / {(lateness.Count == 0 ? 0 : lateness.Max()):0} s (worst) after their `expires_at`; allowed: one purge period (60 s) plus the monitor's slack. Early deletions: {jobs.Count(j => j.DeletedEarly)}.")
            : "Not part of this profile (expiry 24 h).");
        md.AppendLine();
        md.AppendLine("## Per job");
        md.AppendLine();
        md.AppendLine("| job | origin | status | attempts | held by | queue | end to end | video |");
        md.AppendLine("|---|---|---|---:|---|---:|---:|---|");
        foreach (var j in jobs)
        {
            var l = j.Last!;
            md.AppendLine(inv, $"| `{j.Id}` | {j.Origin} | {l.Status.ToString().ToLowerInvariant()}{(l.FailedStep != "" ? " at " + l.FailedStep : "")} | {l.Attempts} | {string.Join(", ", j.Holders)} | {(l.StartedAt - l.Created)?.TotalSeconds:0.0} s | {(l.CompletedAt - l.Created)?.TotalSeconds:0.0} s | {(j.VideoOk == true ? "ffprobe ok" : j.VideoProblem ?? "")} |");
        }

        return md.ToString();
    }

    private static double P(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
