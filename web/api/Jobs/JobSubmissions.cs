using System.Net;
using Microsoft.Extensions.Options;
using MovieGen.Api.Clients;
using MovieGen.Api.Localization;
using MovieGen.Api.Operations;
using MovieGen.Jobs;
using MovieGen.Net;

namespace MovieGen.Api.Jobs;

/// <summary>The outcome of a submission: the job (new, or the one this client already has queued
/// for the URL), or why nothing was created.</summary>
public abstract record Submission
{
    public sealed record Accepted(Job Job, bool Existing) : Submission;

    public sealed record Refused(Refusal Refusal) : Submission;
}

/// <summary>Creating a job, for the JSON API and the form alike. Checks run cheapest first and a
/// refused request goes no further: URL rules, SSRF guard (DNS), burst limit, then the daily quota
/// and queue cap, which PocketBase checks and applies in one transaction with the insert.</summary>
public sealed partial class JobSubmissions(
    JobStore store,
    SsrfGuard guard,
    BurstLimiter burst,
    ClientKeys keys,
    IOptions<SubmissionOptions> options,
    ILogger<JobSubmissions> logger)
{
    public async Task<Submission> SubmitAsync(string? url, IPAddress? client, Lang lang, CancellationToken ct)
    {
        var check = UrlPolicy.Validate(url);
        if (!check.IsValid)
        {
            return Refuse(Refusal.InvalidUrl(check.Problem, lang));
        }

        var target = check.Url!;
        var verdict = await guard.CheckAsync(target, ct);
        if (verdict.Status == GuardStatus.Unresolved)
        {
            return Refuse(Refusal.UnresolvableHost(target.IdnHost, lang));
        }

        if (!verdict.IsAllowed)
        {
            LogSsrfRefused(logger, target.IdnHost, verdict.Reason);
            return Refuse(Refusal.ForbiddenAddress(target.IdnHost, lang));
        }

        if (burst.TryTake(ClientKeys.Identity(client)) is { } wait)
        {
            return Refuse(Refusal.BurstLimit(wait, lang));
        }

        var limits = new JobLimits(options.Value.RateLimitPerDay, options.Value.MaxQueueSize);
        var result = await store.CreateAsync(new NewJob(target.AbsoluteUri, keys.KeyFor(client), lang.Code()), limits, ct);
        switch (result)
        {
            case CreateJobResult.Created created:
                ApiMetrics.JobsCreated.Inc();
                LogCreated(logger, created.Job.Id);
                return new Submission.Accepted(created.Job, Existing: false);
            case CreateJobResult.AlreadyQueued existing:
                ApiMetrics.JobsDeduplicated.Inc();
                return new Submission.Accepted(existing.Job, Existing: true);
            case CreateJobResult.Refused { Reason: RefusalReason.DailyQuota } quota:
                return Refuse(Refusal.DailyQuota(quota.Limit, quota.RetryAfter, lang));
            case CreateJobResult.Refused full:
                return Refuse(Refusal.QueueFull(full.Limit, full.RetryAfter, lang));
            default:
                throw new InvalidOperationException($"Unexpected create result {result}.");
        }
    }

    private static Submission.Refused Refuse(Refusal refusal)
    {
        ApiMetrics.JobsRefused.WithLabels(refusal.Reason).Inc();
        return new Submission.Refused(refusal);
    }

    [LoggerMessage(LogLevel.Information, "Created job {JobId}")]
    private static partial void LogCreated(ILogger logger, string jobId);

    [LoggerMessage(LogLevel.Information, "Refused a URL whose host {Host} is not public: {Reason}")]
    private static partial void LogSsrfRefused(ILogger logger, string host, string? reason);
}
