using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Prometheus;

namespace MovieGen.Api.Operations;

public static class OperationsExtensions
{
    private const string Ready = "ready";

    /// <summary>Health checks, Prometheus metrics, and error handling.</summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<PocketBaseHealthCheck>("pocketbase", tags: [Ready]);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ErrorHandler>();

        // One line per request is noise at Information; our own logs say what matters.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        return builder;
    }

    /// <summary><c>/healthz</c>: the process answers (no dependencies). <c>/readyz</c>: PocketBase
    /// answers too. <c>/metrics</c>: Prometheus text.</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        app.MapMetrics();
        return app;
    }
}
