using Microsoft.Extensions.Options;
using MovieGen.Pipeline;
using MovieGen.Worker.Metrics;
using MovieGen.Worker.Options;
using MovieGen.Worker.Pickup;
using MovieGen.Worker.Purge;
using MovieGen.Worker.Running;
using MovieGen.Worker.ServerSettings;

namespace MovieGen.Worker;

/// <summary>The worker's parts, as Program.cs lists them.</summary>
public static class WorkerHostExtensions
{
    public static void AddWorkerLogging(this HostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
    }

    public static void AddWorkerOptions(this HostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);

        // Shutdown waits for the grace period plus the time to hand leases back. Read through the
        // validated options, so a bad value is reported like any other setting (the host asks for
        // its options while it is built, inside SettingsErrors.RunAsync).
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(worker.Value.ShutdownGraceSeconds + 20));
    }

    public static void AddVideoPipeline(this HostApplicationBuilder builder)
    {
        builder.Services.AddMovieGenPipeline(builder.Configuration);
        builder.Services.AddSingleton<IJobPipeline, PipelineJobAdapter>();
    }

    public static void AddJobProcessing(this HostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RunningJobs>();
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddHostedService<JobPickupService>();
    }

    public static void AddPurge(this HostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PurgeService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PurgeService>());
    }

    /// <summary>PocketBase's file storage (S3_*) and scheduled backups (BACKUP_*), set at start;
    /// pickup waits for them.</summary>
    public static void AddServerSettings(this HostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.AddSingleton<ServerSettingsService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ServerSettingsService>());
    }

    public static void AddWorkerMetrics(this HostApplicationBuilder builder) =>
        builder.Services.AddHostedService<MetricsServerService>();
}
