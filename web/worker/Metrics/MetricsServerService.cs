using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using MovieGen.Worker.Options;
using Prometheus;

namespace MovieGen.Worker.Metrics;

/// <summary>Serves /metrics on WORKER_METRICS_ADDRESS:WORKER_METRICS_PORT (port 0 = off).</summary>
public sealed partial class MetricsServerService(IOptions<WorkerOptions> options, ILogger<MetricsServerService> logger) : IHostedService
{
    private MetricServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var port = options.Value.MetricsPort;
        if (port > 0)
        {
            // HttpListener's "+" is every interface; any other host is the one address it binds.
            var ip = IPAddress.Parse(options.Value.MetricsAddress);
            var host = ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) ? "+"
                : ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
            server = new MetricServer(hostname: host, port: port);
            server.Start();
            LogServing(logger, host == "+" ? "0.0.0.0" : host, port);
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

    [LoggerMessage(LogLevel.Information, "Metrics at http://{Address}:{Port}/metrics")]
    private static partial void LogServing(ILogger logger, string address, int port);
}
