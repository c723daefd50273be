using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using MovieGen.Api.Jobs;
using MovieGen.Jobs;

namespace MovieGen.Api.Pages;

/// <summary>What the form page shows: the limits come from configuration, never from the HTML.</summary>
public sealed record HomeModel(
    string? Url,
    Refusal? Refusal,
    int PerDay,
    int MaxQueue,
    double ExpirationHours,
    TimeSpan? Estimate,
    bool Voicevox,
    IReadOnlyList<string> CharacterCredits,
    AntiforgeryTokenSet Tokens);

public sealed class HomeModels(
    IAntiforgery antiforgery,
    IOptions<SubmissionOptions> limits,
    IOptions<JobStoreOptions> jobs,
    IOptions<PageOptions> page,
    CharacterCredits characters,
    ProcessingTimeEstimate estimate)
{
    public async Task<HomeModel> CreateAsync(HttpContext context, string? url, Refusal? refusal, CancellationToken ct) => new(
        url,
        refusal,
        limits.Value.RateLimitPerDay,
        limits.Value.MaxQueueSize,
        jobs.Value.ExpirationHours,
        await estimate.GetAsync(ct),
        page.Value.UsesVoicevox,
        characters.Lines,
        antiforgery.GetAndStoreTokens(context));
}
