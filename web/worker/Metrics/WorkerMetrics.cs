using Prometheus;

namespace MovieGen.Worker.Metrics;

/// <summary>The worker's Prometheus metrics (served on WORKER_METRICS_PORT at /metrics).</summary>
public static class WorkerMetrics
{
    public static readonly Counter Claimed = Prometheus.Metrics.CreateCounter(
        "moviegen_worker_jobs_claimed_total", "Jobs this worker claimed.");

    public static readonly Counter Completed = Prometheus.Metrics.CreateCounter(
        "moviegen_worker_jobs_completed_total", "Jobs this worker completed.");

    public static readonly Counter Failed = Prometheus.Metrics.CreateCounter(
        "moviegen_worker_jobs_failed_total", "Jobs that failed, by the step that failed.", "step");

    public static readonly Counter Cancelled = Prometheus.Metrics.CreateCounter(
        "moviegen_worker_jobs_cancelled_total", "Running jobs stopped because they were cancelled.");

    public static readonly Counter Released = Prometheus.Metrics.CreateCounter(
        "moviegen_worker_jobs_released_total", "Jobs handed back to the queue at shutdown.");

    public static readonly Histogram StepSeconds = Prometheus.Metrics.CreateHistogram(
        "moviegen_worker_step_duration_seconds", "Wall time of each pipeline step.",
        new HistogramConfiguration { LabelNames = ["step"], Buckets = Histogram.ExponentialBuckets(0.1, 2, 14) });

    public static readonly Histogram UploadSeconds = Prometheus.Metrics.CreateHistogram(
        "moviegen_worker_video_upload_seconds", "Time to store a finished video (and its script) on the job record.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.05, 2, 14) });

    public static readonly Gauge Running = Prometheus.Metrics.CreateGauge(
        "moviegen_worker_running_jobs", "Jobs running in this process now.");

    public static readonly Gauge QueueDepth = Prometheus.Metrics.CreateGauge(
        "moviegen_queue_depth", "Pending jobs in the queue, as last seen by this worker.");

    public static readonly Counter Purged = Prometheus.Metrics.CreateCounter(
        "moviegen_worker_purged_total", "Expired jobs and orphan directories removed.", "kind");
}
