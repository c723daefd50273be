using Microsoft.Extensions.Options;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Worker.ServerSettings;

/// <summary>Brings PocketBase's own settings in line with our configuration at start: the
/// scheduled backups. Retried until PocketBase answers (it may start after us); every worker does
/// it, which is harmless because they all write the same values.</summary>
public sealed partial class ServerSettingsService(
    PocketBaseClient pocketBase,
    IOptions<BackupOptions> backups,
    TimeProvider time,
    ILogger<ServerSettingsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ApplyAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is PocketBaseUnavailableException or PocketBaseException)
            {
                LogRetry(logger, ex.Message);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
        }
    }

    public async Task ApplyAsync(CancellationToken ct)
    {
        var options = backups.Value;
        var settings = new Dictionary<string, object>
        {
            ["cron"] = options.EffectiveCron,
            ["cronMaxKeep"] = options.Keep,
        };
        if (options.S3Bucket.Length > 0)
        {
            settings["s3"] = new Dictionary<string, object>
            {
                ["enabled"] = true,
                ["bucket"] = options.S3Bucket,
                ["endpoint"] = options.S3Endpoint,
                ["region"] = options.S3Region,
                ["accessKey"] = options.S3AccessKey,
                ["secret"] = options.S3Secret,
                ["forcePathStyle"] = options.S3ForcePathStyle,
            };
        }

        // Dictionaries, not anonymous objects: our JSON options would snake_case PocketBase's camelCase names.
        await pocketBase.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Patch, "api/settings",
            new Dictionary<string, object> { ["backups"] = settings }, ct);
        if (options.Scheduled)
        {
            LogBackups(logger, options.EffectiveCron, options.Keep, options.S3Bucket.Length > 0 ? $"S3 bucket {options.S3Bucket}" : "the data directory");
        }
        else
        {
            LogNoBackups(logger);
        }
    }

    [LoggerMessage(LogLevel.Information, "PocketBase backups: on \"{Cron}\", keeping {Keep}, in {Where}")]
    private static partial void LogBackups(ILogger logger, string cron, int keep, string where);

    [LoggerMessage(LogLevel.Warning, "PocketBase backups are off (BACKUP_CRON)")]
    private static partial void LogNoBackups(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "Could not apply PocketBase settings yet ({Reason}); retrying")]
    private static partial void LogRetry(ILogger logger, string reason);
}
