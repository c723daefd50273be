using MovieGen.Testing;
using MovieGen.Jobs;

namespace MovieGen.Worker.Tests;

public sealed class FaultTests(StackFixture stack) : IClassFixture<StackFixture>, IAsyncLifetime
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(150);

    public Task InitializeAsync() => stack.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_job_whose_worker_is_killed_is_resumed_on_the_same_host_after_the_lease_expires_reusing_finished_artefacts()
    {
        var first = await stack.StartWorkerAsync("doomed", new Dictionary<string, string> { ["MAX_CONCURRENT_JOBS"] = "1", ["LEASE_SECONDS"] = "4" });
        var job = await stack.QueueAsync(stack.Site.Url("/long-ja?kill"));
        await stack.WaitForAsync(job.Id, j => j.CurrentStep is "audio" or "slides" or "video", JobTimeout, "the job reached the audio step");

        await first.KillAsync();
        Directory.Exists(Path.Combine(stack.DataDir, job.Id)).ShouldBeTrue("a crash keeps the directory for a resume on this host");
        var second = await stack.StartWorkerAsync("rescuer", new Dictionary<string, string> { ["LEASE_SECONDS"] = "4" });
        var done = await stack.WaitForAsync(job.Id, j => j.IsTerminal, JobTimeout, "the rescued job finished");

        done.Status.ShouldBe(JobStatus.Completed, done.ErrorMessage);
        done.WorkerId.ShouldBe("rescuer");
        done.Attempts.ShouldBe(2);
        WorkerLog.StepsRun(second).ShouldNotContain("fetch", "the article on this host's disk is reused");
        WorkerLog.StepsRun(second).ShouldNotContain("script", "the script on this host's disk is reused");
        second.Log.ShouldNotContain("resumes from its stored script");
        (await VideoProbe.ReadAsync(await StoredFiles.DownloadVideoAsync(stack.Store, done, stack.DataDir))).VideoCodec.ShouldBe("h264");
        WorkerLog.StartedJobs(second).ShouldBe([job.Id]);
        Directory.Exists(Path.Combine(stack.DataDir, job.Id)).ShouldBeFalse("the directory is wiped once the job ended");
    }

    [Fact]
    public async Task A_worker_that_died_between_storing_the_video_and_completing_the_job_leaves_it_to_be_completed_without_a_second_render()
    {
        // What a crash right after the upload leaves: processing, lease run out, video on the record.
        var job = await stack.QueueAsync("http://127.0.0.1:9/never-fetched");
        await StoredVideo.StoreAsync(stack.Store, job.Id, new byte[4096], "title: t\n", duration: 42.5);
        await stack.Client.UpdateRecordAsync<Job>("jobs", job.Id, new
        {
            status = "processing", worker_id = "died-after-upload", attempts = 1,
            lease_until = MovieGen.Jobs.PocketBase.PbDate.ToText(DateTimeOffset.UtcNow.AddMinutes(-1)),
        }, default);

        var heir = await stack.StartWorkerAsync("heir-of-upload");
        var done = await stack.WaitForAsync(job.Id, j => j.IsTerminal, TimeSpan.FromSeconds(30), "the heir completed the job");

        done.Status.ShouldBe(JobStatus.Completed, done.ErrorMessage);
        (done.WorkerId, done.Attempts, done.VideoSize, done.VideoDuration).ShouldBe(("heir-of-upload", 2, 4096L, 42.5));
        heir.Log.ShouldContain($"Job {job.Id}: its video was stored by an earlier attempt");
        heir.Log.ShouldNotContain("Pipeline started");
    }

    [Fact]
    public async Task A_job_that_kills_its_worker_every_time_ends_failed_after_max_attempts()
    {
        var settings = new Dictionary<string, string> { ["MAX_ATTEMPTS"] = "2", ["LEASE_SECONDS"] = "2", ["MAX_CONCURRENT_JOBS"] = "1" };
        var job = await stack.QueueAsync(stack.Site.Url("/long-ja?poison"));

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var worker = await stack.StartWorkerAsync($"victim-{attempt}", settings);
            await stack.WaitForAsync(job.Id, j => j.Status == JobStatus.Processing && j.Attempts == attempt, JobTimeout, $"attempt {attempt} started");
            await worker.KillAsync();
        }

        await stack.StartWorkerAsync("survivor", settings);
        var done = await stack.WaitForAsync(job.Id, j => j.IsTerminal, TimeSpan.FromSeconds(30), "the job was given up");

        done.Status.ShouldBe(JobStatus.Failed);
        done.Attempts.ShouldBe(2);
        done.ErrorMessage.ShouldContain("2 回");
        done.FailedStep.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task SIGTERM_hands_a_running_job_back_at_once_and_another_worker_finishes_it()
    {
        var leaving = await stack.StartWorkerAsync("leaving", new Dictionary<string, string> { ["LEASE_SECONDS"] = "120" });
        var job = await stack.QueueAsync(stack.Site.Url("/long-ja?term"));
        await stack.WaitForAsync(job.Id, j => j.CurrentStep is "audio" or "slides" or "video", JobTimeout, "the job is under way");

        var exitCode = await leaving.TerminateAsync(TimeSpan.FromSeconds(20));
        var released = await stack.WaitForAsync(job.Id, _ => true, TimeSpan.FromSeconds(1), "read the job");

        exitCode.ShouldBe(0);
        released.Status.ShouldBe(JobStatus.Pending, "the lease (120 s) was released, not left to expire");
        released.WorkerId.ShouldBeEmpty();
        released.Attempts.ShouldBe(0);
        ProcessTable.ToolsWorkingIn(Path.Combine(stack.DataDir, job.Id)).ShouldBeEmpty();

        await stack.StartWorkerAsync("heir");
        var done = await stack.WaitForAsync(job.Id, j => j.IsTerminal, JobTimeout, "the heir finished the job");
        done.Status.ShouldBe(JobStatus.Completed, done.ErrorMessage);
        done.WorkerId.ShouldBe("heir");
    }

    [Fact]
    public async Task A_pocketbase_restart_mid_job_does_not_stop_the_job_from_completing()
    {
        var worker = await stack.StartWorkerAsync("steady", new Dictionary<string, string> { ["LEASE_SECONDS"] = "30" });
        var job = await stack.QueueAsync(stack.Site.Url("/long-ja?restart"));
        await stack.WaitForAsync(job.Id, j => j.CurrentStep is "audio" or "slides", JobTimeout, "the job is under way");

        await stack.PocketBase.StopAsync();
        await stack.PocketBase.StartAsync();
        var done = await stack.WaitForAsync(job.Id, j => j.IsTerminal, JobTimeout, "the job finished after the restart");

        done.Status.ShouldBe(JobStatus.Completed, done.ErrorMessage);
        done.Attempts.ShouldBe(1);
        await worker.WaitForLogAsync("Realtime reconnected", TimeSpan.FromSeconds(20));
    }
}
