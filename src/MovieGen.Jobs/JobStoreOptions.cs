using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MovieGen.Jobs;

/// <summary>Settings every job writer shares.</summary>
public sealed class JobStoreOptions
{
    /// <summary>How long a finished job (completed, failed or cancelled) and its files are kept,
    /// counted from the moment it finished.</summary>
    [ConfigurationKeyName("JOB_EXPIRATION_HOURS")]
    /// Fractions are allowed (0.05 = 3 minutes) for soak tests of the purge.
    [Range(0.001, 24 * 365, ErrorMessage = "JOB_EXPIRATION_HOURS must be between 0.001 and 8760.")]
    public double ExpirationHours { get; set; } = 24;
}
