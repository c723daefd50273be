using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MovieGen.Jobs.PocketBase;

/// <summary>Where PocketBase is and the admin account the API and worker use. Bound from the
/// reference service's environment names.</summary>
public sealed class PocketBaseOptions
{
    [ConfigurationKeyName("POCKETBASE_URL")]
    [Required(ErrorMessage = "POCKETBASE_URL is required (e.g. http://127.0.0.1:8090).")]
    [Url(ErrorMessage = "POCKETBASE_URL must be an absolute http(s) URL.")]
    public string Url { get; set; } = "http://127.0.0.1:8090";

    [ConfigurationKeyName("POCKETBASE_ADMIN_EMAIL")]
    [Required(ErrorMessage = "POCKETBASE_ADMIN_EMAIL is required.")]
    [EmailAddress(ErrorMessage = "POCKETBASE_ADMIN_EMAIL must be an e-mail address.")]
    public string AdminEmail { get; set; } = "";

    [ConfigurationKeyName("POCKETBASE_ADMIN_PASSWORD")]
    [Required(ErrorMessage = "POCKETBASE_ADMIN_PASSWORD is required.")]
    [MinLength(10, ErrorMessage = "POCKETBASE_ADMIN_PASSWORD must be at least 10 characters (PocketBase's minimum).")]
    public string AdminPassword { get; set; } = "";

    /// <summary>Timeout of one REST call (realtime streams have none).</summary>
    [ConfigurationKeyName("POCKETBASE_TIMEOUT_SECONDS")]
    [Range(1, 300, ErrorMessage = "POCKETBASE_TIMEOUT_SECONDS must be between 1 and 300.")]
    public int TimeoutSeconds { get; set; } = 15;
}
