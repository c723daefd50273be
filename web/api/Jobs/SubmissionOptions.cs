using System.ComponentModel.DataAnnotations;

namespace MovieGen.Api.Jobs;

/// <summary>The limits every job submission passes (shared/DESIGN.md §4), in the order checked.</summary>
public sealed class SubmissionOptions
{
    /// <summary>Lets jobs point at loopback and private addresses (development); cloud metadata
    /// addresses stay refused.</summary>
    [ConfigurationKeyName("ALLOW_PRIVATE_URLS")]
    public bool AllowPrivateUrls { get; set; }

    /// <summary>Exact addresses the SSRF guard lets through (comma-separated), see
    /// <see cref="MovieGen.Net.SsrfGuard.FromSettings"/>.</summary>
    [ConfigurationKeyName("FETCH_ALLOW_ADDRESSES")]
    public string FetchAllowAddresses { get; set; } = "";

    /// <summary>Burst limit: submissions per client address per minute.</summary>
    [ConfigurationKeyName("RATE_LIMIT_PER_MINUTE")]
    [Range(1, 1_000_000, ErrorMessage = "RATE_LIMIT_PER_MINUTE must be between 1 and 1000000.")]
    public int RateLimitPerMinute { get; set; } = 10;

    /// <summary>Jobs one client address may create in any 24 hours.</summary>
    [ConfigurationKeyName("RATE_LIMIT_PER_DAY")]
    [Range(1, 1_000_000, ErrorMessage = "RATE_LIMIT_PER_DAY must be between 1 and 1000000.")]
    public int RateLimitPerDay { get; set; } = 5;

    /// <summary>Pending jobs the queue holds before new ones are refused.</summary>
    [ConfigurationKeyName("MAX_QUEUE_SIZE")]
    [Range(1, 1_000_000, ErrorMessage = "MAX_QUEUE_SIZE must be between 1 and 1000000.")]
    public int MaxQueueSize { get; set; } = 10;
}
