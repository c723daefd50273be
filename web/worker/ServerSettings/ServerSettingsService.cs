using System.Text.Json;
using Microsoft.Extensions.Options;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Worker.ServerSettings;

/// <summary>Brings PocketBase's own settings in line with our configuration at start: where it
/// stores record files (S3_*) and its scheduled backups (BACKUP_*), in one write. Retried until
/// PocketBase answers (it may start after us). The worker takes no job before this is done
/// (<see cref="Applied"/>): a video uploaded meanwhile would land in the wrong storage. Every worker
/// does it, which is harmless because they all write the same values — give all workers the same
/// S3_* and BACKUP_* settings. The API only reads files through PocketBase, so it applies nothing.</summary>
public sealed partial class ServerSettingsService(
    PocketBaseClient pocketBase,
    IOptions<BackupOptions> backups,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<ServerSettingsService> logger) : BackgroundService
{
    private readonly TaskCompletionSource applied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once PocketBase has our settings.</summary>
    public Task Applied => applied.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ApplyAsync(stoppingToken);
                applied.TrySetResult();
                return;
            }
            catch (PocketBaseFailure ex)
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
        var backup = backups.Value;
        var backupSettings = new Dictionary<string, object>
        {
            ["cron"] = backup.EffectiveCron,
            ["cronMaxKeep"] = backup.Keep,
        };
        if (backup.S3.IsSet)
        {
            backupSettings["s3"] = backup.S3.ToPocketBase();
        }

        // Dictionaries, not anonymous objects: our JSON options would snake_case PocketBase's camelCase names.
        var settings = new Dictionary<string, object> { ["backups"] = backupSettings };
        var files = storage.Value.S3;
        if (files.IsSet)
        {
            settings["s3"] = files.ToPocketBase();
        }

        var result = await pocketBase.SendAsync<JsonElement>(HttpMethod.Patch, "api/settings", settings, ct);
        LogStorage(logger, result.TryGetProperty("s3", out var s3) && s3.TryGetProperty("enabled", out var on) && on.GetBoolean()
            ? $"S3 bucket {s3.GetProperty("bucket").GetString()} at {s3.GetProperty("endpoint").GetString()}{(files.IsSet ? "" : " (set in the Admin UI)")}"
            : "PocketBase's disk");
        if (backup.Scheduled)
        {
            LogBackups(logger, backup.EffectiveCron, backup.Keep, backup.S3.IsSet ? $"S3 bucket {backup.S3.Bucket}" : "the data directory");
        }
        else
        {
            LogNoBackups(logger);
        }
    }

    [LoggerMessage(LogLevel.Information, "PocketBase stores videos and scripts in {Where}")]
    private static partial void LogStorage(ILogger logger, string where);

    [LoggerMessage(LogLevel.Information, "PocketBase backups: on \"{Cron}\", keeping {Keep}, in {Where}")]
    private static partial void LogBackups(ILogger logger, string cron, int keep, string where);

    [LoggerMessage(LogLevel.Warning, "PocketBase backups are off (BACKUP_CRON)")]
    private static partial void LogNoBackups(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "Could not apply PocketBase settings yet ({Reason}); retrying")]
    private static partial void LogRetry(ILogger logger, string reason);
}
