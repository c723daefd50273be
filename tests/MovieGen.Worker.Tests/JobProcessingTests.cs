using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Worker.Tests;

public sealed class JobProcessingTests(StackFixture stack) : IClassFixture<StackFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => stack.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_queued_job_goes_from_pending_through_processing_to_completed_with_monotonic_progress_and_a_valid_mp4()
    {
        await stack.StartWorkerAsync("solo");
        var seen = new ConcurrentQueue<Job>();
        using var watching = new CancellationTokenSource();
        var connected = new TaskCompletionSource();
        var watcher = Task.Run(async () =>
        {
            try
            {
                await foreach (var m in stack.Store.WatchAsync(null, watching.Token))
                {
                    if (m is RealtimeConnected)
                    {
                        connected.TrySetResult();
                    }
                    else if (m is RealtimeRecordEvent e)
                    {
                        seen.Enqueue(e.As<Job>());
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // done watching
            }
        });
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var job = await stack.QueueAsync(stack.Site.SmallJa(1));
        var done = await stack.WaitForAsync(job.Id, j => j.IsTerminal, TimeSpan.FromSeconds(120), "the job finished");
        await watching.CancelAsync();
        await watcher;

        done.Status.ShouldBe(JobStatus.Completed, done.ErrorMessage);
        var updates = seen.Where(j => j.Id == job.Id).ToList();
        updates.Select(j => j.Status).ShouldContain(JobStatus.Processing);
        var progress = updates.Select(j => j.Progress).ToList();
        progress.Zip(progress.Skip(1)).ShouldAllBe(pair => pair.Second >= pair.First, string.Join(",", progress));
        updates.Select(j => j.CurrentStep).Where(s => s != "").Distinct().ShouldBe(["fetch", "script", "audio", "slides", "video"]);
        updates.ShouldContain(j => j.ProgressMessage.Contains('/'), "a message with counts, e.g. (3/12)");

        var path = await StoredFiles.DownloadVideoAsync(stack.Store, done, stack.DataDir);
        var probe = await VideoProbe.ReadAsync(path);
        probe.VideoCodec.ShouldBe("h264");
        probe.AudioCodec.ShouldBe("aac");
        (probe.Width, probe.Height).ShouldBe((1280, 720));
        done.VideoSize.ShouldBe(new FileInfo(path).Length);
        done.Script.ShouldNotBeEmpty();
        Directory.Exists(Path.Combine(stack.DataDir, job.Id)).ShouldBeFalse("the job directory is scratch, wiped when the job ends");
        done.VideoDuration.ShouldBe(probe.Duration, 0.2);
        done.StartedAt.ShouldNotBeNull();
        done.ExpiresAt.ShouldNotBeNull().ShouldBeGreaterThan(done.CompletedAt!.Value.AddHours(23));
        done.StepTimings!.Keys.ShouldBe(["fetch", "script", "audio", "slides", "video"], ignoreOrder: true);
        done.StepTimings.Values.ShouldAllBe(t => t.Started != null && t.Finished != null && t.Finished >= t.Started);
    }

    [Fact]
    public async Task Two_workers_run_ten_jobs_each_exactly_once_and_never_more_than_their_limit_at_once()
    {
        var a = await stack.StartWorkerAsync("pair-a");
        var b = await stack.StartWorkerAsync("pair-b");

        var jobs = new List<Job>();
        for (var i = 0; i < 10; i++)
        {
            jobs.Add(await stack.QueueAsync(stack.Site.Url($"/tiny-ja?n={i}")));
        }

        var finished = new List<Job>();
        foreach (var job in jobs)
        {
            finished.Add(await stack.WaitForAsync(job.Id, j => j.IsTerminal, TimeSpan.FromSeconds(240), $"job {job.Id} finished"));
        }

        finished.ShouldAllBe(j => j.Status == JobStatus.Completed && j.Attempts == 1);
        var started = WorkerLog.StartedJobs(a).Concat(WorkerLog.StartedJobs(b)).ToList();
        started.Order().ShouldBe(jobs.Select(j => j.Id).Order());
        WorkerLog.MaxConcurrent(a).ShouldBeLessThanOrEqualTo(2);
        WorkerLog.MaxConcurrent(b).ShouldBeLessThanOrEqualTo(2);
        WorkerLog.StartedJobs(a).ShouldNotBeEmpty("push pickup should spread work across both workers");
        WorkerLog.StartedJobs(b).ShouldNotBeEmpty("push pickup should spread work across both workers");
    }

    [Fact]
    public async Task A_job_is_picked_up_by_push_well_before_the_next_poll()
    {
        await stack.StartWorkerAsync("push", new Dictionary<string, string> { ["WORKER_POLL_INTERVAL"] = "600" });
        var job = await stack.QueueAsync(stack.Site.Url("/tiny-ja?push"));

        var running = await stack.WaitForAsync(job.Id, j => j.Status != JobStatus.Pending, TimeSpan.FromSeconds(10),
            "the worker claimed the job (realtime push; the poll is 10 minutes away)");

        running.WorkerId.ShouldBe("push");
    }

    [Fact]
    public async Task A_missing_article_fails_at_fetch_with_the_http_status_in_its_message_and_is_not_retried()
    {
        await stack.StartWorkerAsync("fails");
        var job = await stack.QueueAsync(stack.Site.Url("/does-not-exist"));

        var done = await stack.WaitForAsync(job.Id, j => j.IsTerminal, TimeSpan.FromSeconds(60), "the job finished");

        done.Status.ShouldBe(JobStatus.Failed);
        done.FailedStep.ShouldBe("fetch");
        done.ErrorMessage.ShouldContain("404");
        done.Attempts.ShouldBe(1);
    }

    [Theory]
    [InlineData("en", "The article page was not found (HTTP 404 NotFound). Check the URL.")]
    [InlineData("ja", "記事のページが見つかりません（HTTP 404 NotFound）。URL を確認してください。")]
    public async Task A_failure_reads_in_the_language_of_the_person_who_asked(string lang, string message)
    {
        await stack.StartWorkerAsync($"fails-{lang}");
        var job = await stack.QueueAsync(stack.Site.Url($"/does-not-exist-{lang}"), lang: lang);

        var done = await stack.WaitForAsync(job.Id, j => j.IsTerminal, TimeSpan.FromSeconds(60), "the job finished");

        done.Status.ShouldBe(JobStatus.Failed);
        done.ErrorMessage.ShouldBe(message);
    }
}
