using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MovieGen.Jobs;
using MovieGen.Testing;
using MovieGen.Worker.Running;

namespace MovieGen.Worker.Tests.Running;

/// <summary>The worker's job processing (pickup, runner, leases, server settings) as a host in
/// this process, on the stack's real PocketBase, with a <see cref="FakePipeline"/> in place of the
/// video pipeline.</summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    private readonly IHost host;
    private readonly ConcurrentQueue<string> log;

    private InProcessWorker(IHost host, ConcurrentQueue<string> log)
    {
        this.host = host;
        this.log = log;
    }

    public const string Id = "in-process";

    public static async Task<InProcessWorker> StartAsync(StackFixture stack, IJobPipeline pipeline,
        TimeProvider? time = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        var environment = stack.WorkerEnvironment(settings);
        environment["WORKER_ID"] = Id;
        builder.Configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)));
        var log = new ConcurrentQueue<string>();
        builder.Logging.AddProvider(new QueueLoggerProvider(log));
        builder.AddWorkerOptions();
        builder.Services.AddJobStore();
        builder.Services.AddSingleton(pipeline);
        builder.AddJobProcessing();
        builder.AddServerSettings();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var host = builder.Build();
        await host.StartAsync();
        return new InProcessWorker(host, log);
    }

    public string Log => string.Join('\n', log);

    /// <summary>Waits until no job runs here any more (the runner wrote its outcome and cleaned up).</summary>
    public Task IdleAsync() =>
        Eventually.TrueAsync(() => host.Services.GetRequiredService<RunningJobs>().Count == 0, TimeSpan.FromSeconds(30), "the worker runs no job");

    public Task WaitForLogAsync(string fragment) =>
        Eventually.TrueAsync(() => log.Any(line => line.Contains(fragment, StringComparison.Ordinal)), TimeSpan.FromSeconds(30), $"the worker logs \"{fragment}\"");

    /// <summary>The host's stop, as on SIGTERM.</summary>
    public Task StopAsync() => host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
