using System.ComponentModel.DataAnnotations;
using Cronos;
using Microsoft.Extensions.Options;

namespace MovieGen.Worker.Options;

/// <summary>Worker settings, bound from the environment names of shared/DESIGN.md §7 and validated
/// at start: a bad value stops the program with a message naming the setting.</summary>
public sealed class WorkerOptions
{
    [ConfigurationKeyName("MAX_CONCURRENT_JOBS")]
    [Range(1, 64, ErrorMessage = "MAX_CONCURRENT_JOBS must be between 1 and 64.")]
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>Seconds between safety-net polls of the queue (realtime push is the fast path).</summary>
    [ConfigurationKeyName("WORKER_POLL_INTERVAL")]
    [Range(0.1, 3600, ErrorMessage = "WORKER_POLL_INTERVAL must be between 0.1 and 3600 seconds.")]
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>Subscribe to PocketBase realtime, so new jobs and cancels reach this worker at once;
    /// false leaves only the poll (the reference design; kept for comparison and for networks that
    /// block long-lived connections).</summary>
    [ConfigurationKeyName("WORKER_REALTIME")]
    public bool Realtime { get; set; } = true;

    [ConfigurationKeyName("MAX_ATTEMPTS")]
    [Range(1, 20, ErrorMessage = "MAX_ATTEMPTS must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a claim holds without renewal; a dead worker's job is reclaimed after it.</summary>
    [ConfigurationKeyName("LEASE_SECONDS")]
    [Range(2, 3600, ErrorMessage = "LEASE_SECONDS must be between 2 and 3600.")]
    public int LeaseSeconds { get; set; } = 120;

    [ConfigurationKeyName("JOB_DATA_DIR")]
    [Required(ErrorMessage = "JOB_DATA_DIR is required: the directory where job files are written.")]
    public string JobDataDir { get; set; } = "";

    [ConfigurationKeyName("CLEANUP_CRON")]
    [Required(ErrorMessage = "CLEANUP_CRON is required (a cron expression, e.g. */10 * * * *).")]
    public string CleanupCron { get; set; } = "*/10 * * * *";

    /// <summary>Identifies this process on the jobs it holds; defaults to host name and pid.</summary>
    [ConfigurationKeyName("WORKER_ID")]
    public string? WorkerId { get; set; }

    /// <summary>On SIGTERM, how long running jobs may go on before their leases are released.</summary>
    [ConfigurationKeyName("SHUTDOWN_GRACE_SECONDS")]
    [Range(0, 3600, ErrorMessage = "SHUTDOWN_GRACE_SECONDS must be between 0 and 3600.")]
    public int ShutdownGraceSeconds { get; set; } = 10;

    /// <summary>Prometheus metrics port; 0 picks none (metrics off).</summary>
    [ConfigurationKeyName("WORKER_METRICS_PORT")]
    [Range(0, 65535, ErrorMessage = "WORKER_METRICS_PORT must be between 0 and 65535.")]
    public int MetricsPort { get; set; } = 9100;

    /// <summary>The address /metrics listens on: loopback unless an operator opens it (the
    /// endpoint has no authentication), e.g. 0.0.0.0 inside a container network.</summary>
    [ConfigurationKeyName("WORKER_METRICS_ADDRESS")]
    public string MetricsAddress { get; set; } = "127.0.0.1";

    /// <summary>Least time between two progress writes of one job (the last value always goes out).</summary>
    [ConfigurationKeyName("PROGRESS_INTERVAL_MS")]
    [Range(50, 10000, ErrorMessage = "PROGRESS_INTERVAL_MS must be between 50 and 10000.")]
    public int ProgressIntervalMs { get; set; } = 250;

    /// <summary>Upper bound of one job's run; it fails with a timeout message after this.</summary>
    [ConfigurationKeyName("JOB_TIMEOUT_MINUTES")]
    [Range(1, 24 * 60, ErrorMessage = "JOB_TIMEOUT_MINUTES must be between 1 and 1440.")]
    public int JobTimeoutMinutes { get; set; } = 30;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan PollInterval => TimeSpan.FromSeconds(PollIntervalSeconds);

    /// <summary>Renew well inside the lease and at least every 60 s: the same write keeps viewers'
    /// SSE connections from PocketBase's 5-minute idle close.</summary>
    public TimeSpan RenewEvery => TimeSpan.FromSeconds(Math.Min(60, Math.Max(0.5, LeaseSeconds / 3.0)));

    public string EffectiveWorkerId => string.IsNullOrWhiteSpace(WorkerId)
        ? $"{Environment.MachineName}-{Environment.ProcessId}"
        : WorkerId;
}

/// <summary>Checks what attributes cannot: the cron expression parses, the metrics address is one.</summary>
public sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        if (!System.Net.IPAddress.TryParse(options.MetricsAddress, out _))
        {
            return ValidateOptionsResult.Fail(
                $"WORKER_METRICS_ADDRESS \"{options.MetricsAddress}\" is not an IP address (127.0.0.1 for this host only, 0.0.0.0 for every interface).");
        }

        try
        {
            CronExpression.Parse(options.CleanupCron);
            return ValidateOptionsResult.Success;
        }
        catch (CronFormatException ex)
        {
            return ValidateOptionsResult.Fail($"CLEANUP_CRON \"{options.CleanupCron}\" is not a valid cron expression: {ex.Message}");
        }
    }
}
