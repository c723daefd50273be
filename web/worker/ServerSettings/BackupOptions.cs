using System.ComponentModel.DataAnnotations;
using Cronos;
using Microsoft.Extensions.Options;

namespace MovieGen.Worker.ServerSettings;

/// <summary>PocketBase's own scheduled backups (a zip of its data directory), set from our
/// configuration at start: when, how many to keep, and optionally an S3 bucket to keep them in
/// (otherwise they stay in the data directory's <c>backups/</c>).</summary>
public sealed class BackupOptions
{
    /// <summary>5-field cron in PocketBase's time zone (UTC in the container); empty or "off" = no scheduled backups.</summary>
    [ConfigurationKeyName("BACKUP_CRON")]
    public string Cron { get; set; } = "0 3 * * *";

    [ConfigurationKeyName("BACKUP_KEEP")]
    [Range(1, 1000, ErrorMessage = "BACKUP_KEEP must be between 1 and 1000.")]
    public int Keep { get; set; } = 7;

    /// <summary>When set, backups go to this bucket (through PocketBase's backups S3 settings);
    /// when empty, the backups S3 settings made in the Admin UI are left as they are.</summary>
    [ConfigurationKeyName("BACKUP_S3_BUCKET")]
    public string S3Bucket { get; set; } = "";

    [ConfigurationKeyName("BACKUP_S3_ENDPOINT")]
    public string S3Endpoint { get; set; } = "";

    [ConfigurationKeyName("BACKUP_S3_REGION")]
    public string S3Region { get; set; } = "";

    [ConfigurationKeyName("BACKUP_S3_ACCESS_KEY")]
    public string S3AccessKey { get; set; } = "";

    [ConfigurationKeyName("BACKUP_S3_SECRET")]
    public string S3Secret { get; set; } = "";

    [ConfigurationKeyName("BACKUP_S3_FORCE_PATH_STYLE")]
    public bool S3ForcePathStyle { get; set; }

    public bool Scheduled => !string.IsNullOrWhiteSpace(Cron) && !Cron.Trim().Equals("off", StringComparison.OrdinalIgnoreCase);

    /// <summary>The cron PocketBase gets: empty turns its scheduled backups off.</summary>
    public string EffectiveCron => Scheduled ? Cron.Trim() : "";

    public S3Target S3 => new(S3Bucket.Trim(), S3Endpoint.Trim(), S3Region.Trim(), S3AccessKey, S3Secret, S3ForcePathStyle);
}

/// <summary>Checks what attributes cannot: the cron parses, an S3 bucket comes with what reaches it
/// (PocketBase refuses an S3 config without a region too).</summary>
public sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        if (options.Scheduled)
        {
            try
            {
                CronExpression.Parse(options.EffectiveCron);
            }
            catch (CronFormatException ex)
            {
                return ValidateOptionsResult.Fail($"BACKUP_CRON \"{options.Cron}\" is not a valid cron expression (5 fields, or \"off\"): {ex.Message}");
            }
        }

        return options.S3.Problem("BACKUP_S3_") is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
