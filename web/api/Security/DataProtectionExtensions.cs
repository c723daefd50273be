using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Security;

public static partial class DataProtectionExtensions
{
    /// <summary>Data protection (antiforgery tokens, the dashboard's sign-in cookie) with its keys in
    /// PocketBase and one application name, so API instances are interchangeable: what one signs,
    /// any other accepts. (ASP.NET's default name is the content root path, which differs between
    /// hosts and images.)</summary>
    public static WebApplicationBuilder AddSharedDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("MovieGen");
        builder.Services.AddSingleton(sp => new PocketBaseXmlRepository(sp.GetRequiredService<PocketBaseClient>,
            sp.GetRequiredService<ILogger<PocketBaseXmlRepository>>()));
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<PocketBaseXmlRepository>((options, repository) => options.XmlRepository = repository);
        builder.Services.AddHostedService<KeyRingWarmup>();
        return builder;
    }

    /// <summary>Loads the key ring (making the first key on an empty store) right after start, with
    /// retries while PocketBase is unreachable or another instance wins the first key, so the first
    /// visitor does not pay for it or meet the race.</summary>
    private sealed partial class KeyRingWarmup(IDataProtectionProvider provider, TimeProvider time, ILogger<KeyRingWarmup> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var protector = provider.CreateProtector("MovieGen.KeyRingWarmup");
            var delay = TimeSpan.FromMilliseconds(200);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // Off the start-up path: the repository blocks a thread while it reads PocketBase.
                    await Task.Run(() => protector.Unprotect(protector.Protect("ready")), stoppingToken);
                    LogReady(logger);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    LogRetry(logger, Describe(ex));
                }

                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }

        private static string Describe(Exception ex)
        {
            for (var e = ex; e is not null; e = e.InnerException)
            {
                if (e is KeyRingRaceException or PocketBaseFailure)
                {
                    return e.Message;
                }
            }

            return ex.Message;
        }

        [LoggerMessage(LogLevel.Information, "Data-protection key ring loaded from PocketBase")]
        private static partial void LogReady(ILogger logger);

        [LoggerMessage(LogLevel.Warning, "Data-protection key ring not loaded yet ({Reason}); retrying")]
        private static partial void LogRetry(ILogger logger, string reason);
    }
}
