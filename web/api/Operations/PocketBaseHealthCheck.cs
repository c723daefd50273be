using Microsoft.Extensions.Diagnostics.HealthChecks;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Operations;

public sealed class PocketBaseHealthCheck(PocketBaseClient pocketBase) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await pocketBase.IsHealthyAsync(cancellationToken)
            ? HealthCheckResult.Healthy("PocketBase answers.")
            : HealthCheckResult.Unhealthy($"PocketBase at {pocketBase.BaseAddress} does not answer.");
}
