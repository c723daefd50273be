using Microsoft.Extensions.Options;
using MovieGen.Worker.Options;
using Prometheus;

namespace MovieGen.Worker.Metrics;

/// <summary>Serves /metrics on WORKER_METRICS_PORT (0 = off).</summary>
public sealed partial class MetricsServerService(IOptions<WorkerOptions> options, ILogger<MetricsServerService> logger) : IHostedService
{
    private MetricServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var port = options.Value.MetricsPort;
        if (port > 0)
        {
            server = new MetricServer(port: port);
            server.Start();
            LogServing(logger, port);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync();
        }
    }

    [LoggerMessage(LogLevel.Information, "Metrics at http://0.0.0.0:{Port}/metrics")]
    private static partial void LogServing(ILogger logger, int port);
}
