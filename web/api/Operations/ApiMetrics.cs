using Prometheus;

namespace MovieGen.Api.Operations;

/// <summary>What the API counts beside prometheus-net's HTTP request metrics.</summary>
public static class ApiMetrics
{
    public static readonly Counter JobsCreated = Metrics.CreateCounter(
        "moviegen_api_jobs_created_total", "Jobs created (JSON API and form).");

    public static readonly Counter JobsDeduplicated = Metrics.CreateCounter(
        "moviegen_api_jobs_deduplicated_total", "Submissions answered with the same client's queued job for the same URL.");

    public static readonly Counter JobsRefused = Metrics.CreateCounter(
        "moviegen_api_jobs_refused_total", "Submissions refused, by reason.", "reason");
}
