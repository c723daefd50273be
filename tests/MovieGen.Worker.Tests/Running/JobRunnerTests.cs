using Microsoft.Extensions.Time.Testing;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Pipeline;

namespace MovieGen.Worker.Tests.Running;

/// <summary>Each way a job can end on a worker, through the worker's pipeline seam in process,
/// with PocketBase real: what the record and the job's scratch directory look like afterwards.</summary>
public sealed class JobRunnerTests(StackFixture stack) : IClassFixture<StackFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => stack.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string DirectoryOf(Job job) => Path.Combine(stack.DataDir, job.Id);

    private Task<Job> QueueAsync(string lang = "ja") => stack.QueueAsync($"https://example.com/articles/{Guid.NewGuid():N}", lang: lang);

    private Task<Job> EndedAsync(Job job) =>
        stack.WaitForAsync(job.Id, j => j.Status is not (JobStatus.Pending or JobStatus.Processing), Deadline, "the job ended");

    private async Task<Job> ReadAsync(Job job) => (await stack.Store.GetAsync(job.Id, default))!;

    [Fact]
    public async Task A_job_whose_pipeline_makes_a_video_is_completed_with_the_video_on_its_record_and_its_directory_removed()
    {
        var content = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
        var pipeline = FakePipeline.WritingVideo(content);
        await using var worker = await InProcessWorker.StartAsync(stack, pipeline);
        var job = await QueueAsync();

        var done = await EndedAsync(job);
        await worker.IdleAsync();

        done.Status.ShouldBe(JobStatus.Completed);
        done.Progress.ShouldBe(100);
        done.Video.ShouldNotBeEmpty();
        done.VideoSize.ShouldBe(content.Length);
        done.VideoDuration.ShouldBe(FakePipeline.VideoSeconds);
        await using (var stored = await stack.Store.OpenVideoAsync(done, 0, null, default))
        {
            using var copy = new MemoryStream();
            await stored.Body.CopyToAsync(copy);
            copy.ToArray().ShouldBe(content);
        }

        Directory.Exists(DirectoryOf(job)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("ja", "音声を作れませんでした。")]
    [InlineData("en", "The narration could not be spoken.")]
    public async Task A_pipeline_failure_fails_the_job_at_its_step_in_the_requesters_language(string lang, string message)
    {
        var pipeline = FakePipeline.Failing(new PipelineException(PipelineStep.Audio,
            new UserText("音声を作れませんでした。", "The narration could not be spoken.")));
        await using var worker = await InProcessWorker.StartAsync(stack, pipeline);
        var job = await QueueAsync(lang);

        var failed = await EndedAsync(job);
        await worker.IdleAsync();

        failed.Status.ShouldBe(JobStatus.Failed);
        failed.FailedStep.ShouldBe("audio");
        failed.ErrorMessage.ShouldBe(message);
        failed.Video.ShouldBeEmpty();
        Directory.Exists(DirectoryOf(job)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_transient_pipeline_failure_fails_the_job_with_its_message_rather_than_queueing_it_again()
    {
        var pipeline = FakePipeline.Failing(new PipelineException(PipelineStep.Fetch,
            new UserText("記事のサーバーが応答しませんでした。", "The article's server did not answer in time."), isTransient: true));
        await using var worker = await InProcessWorker.StartAsync(stack, pipeline);
        var job = await QueueAsync("en");

        var failed = await EndedAsync(job);
        await worker.IdleAsync();

        failed.Status.ShouldBe(JobStatus.Failed);
        failed.FailedStep.ShouldBe("fetch");
        failed.ErrorMessage.ShouldBe("The article's server did not answer in time.");
        failed.Attempts.ShouldBe(1);
        (await ReadAsync(job)).Status.ShouldBe(JobStatus.Failed, "no worker took it up again");
    }

    [Fact]
    public async Task A_job_cancelled_while_it_runs_is_stopped_and_its_files_removed()
    {
        var pipeline = FakePipeline.WaitingForStop();
        await using var worker = await InProcessWorker.StartAsync(stack, pipeline);
        var job = await QueueAsync();
        await pipeline.Started;

        (await stack.Store.CancelAsync(job.Id, default)).ShouldBeOfType<CancelResult.Cancelled>();
        await pipeline.Stopped;
        await worker.IdleAsync();

        var cancelled = await ReadAsync(job);
        cancelled.Status.ShouldBe(JobStatus.Cancelled);
        cancelled.ErrorMessage.ShouldBeEmpty();
        Directory.Exists(DirectoryOf(job)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_job_past_its_time_limit_is_stopped_and_fails_saying_so_at_the_step_it_reached()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pipeline = FakePipeline.WaitingForStop();
        await using var worker = await InProcessWorker.StartAsync(stack, pipeline, time,
            new Dictionary<string, string> { ["JOB_TIMEOUT_MINUTES"] = "1" });
        var job = await QueueAsync("en");
        await pipeline.Started;

        time.Advance(TimeSpan.FromMinutes(1));
        await pipeline.Stopped;
        var failed = await EndedAsync(job);
        await worker.IdleAsync();

        failed.Status.ShouldBe(JobStatus.Failed);
        failed.ErrorMessage.ShouldBe("Processing did not finish within 1 minutes and was stopped.");
        failed.FailedStep.ShouldBe(FakePipeline.FirstStep.ToWireName());
        Directory.Exists(DirectoryOf(job)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_job_another_worker_took_over_is_let_go_without_overwriting_its_record()
    {
        var pipeline = FakePipeline.WaitingForStop();
        await using var worker = await InProcessWorker.StartAsync(stack, pipeline);
        var job = await QueueAsync();
        await pipeline.Started;

        var lease = DateTimeOffset.UtcNow.AddMinutes(5);
        await stack.Client.UpdateRecordAsync<Job>(JobStore.Collection, job.Id,
            new { worker_id = "another-worker", lease_until = PbDate.ToText(lease) }, default);
        await pipeline.Stopped;
        await worker.IdleAsync();

        var taken = await ReadAsync(job);
        taken.Status.ShouldBe(JobStatus.Processing);
        taken.WorkerId.ShouldBe("another-worker");
        taken.ErrorMessage.ShouldBeEmpty();
        Directory.Exists(DirectoryOf(job)).ShouldBeTrue("its new holder may share this host's directory: the purge removes it later");
    }

    [Fact]
    public async Task At_shutdown_a_running_job_is_handed_back_to_the_queue_with_its_files_kept()
    {
        var pipeline = FakePipeline.WaitingForStop();
        await using var worker = await InProcessWorker.StartAsync(stack, pipeline);
        var job = await QueueAsync();
        await pipeline.Started;

        await worker.StopAsync();

        // The record is the promise (the pipeline's own view of the stop raced the release in two
        // loaded CI runs, while the worker logged the job handed back): wait for it, not for the fake.
        var released = await stack.WaitForAsync(job.Id, j => j.Status == JobStatus.Pending, Deadline, "the job is back in the queue");
        released.Status.ShouldBe(JobStatus.Pending);
        released.WorkerId.ShouldBeEmpty();
        released.Attempts.ShouldBe(0, "the interrupted attempt is given back");
        Directory.Exists(DirectoryOf(job)).ShouldBeTrue("a worker on this host resumes from its files");
    }

    [Fact]
    public async Task Storing_the_video_is_retried_while_PocketBase_is_down_and_the_job_then_completes()
    {
        var content = Enumerable.Range(0, 2048).Select(i => (byte)(i * 7)).ToArray();
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipeline = FakePipeline.WritingVideo(content, finish.Task);
        await using var worker = await InProcessWorker.StartAsync(stack, pipeline);
        var job = await QueueAsync();
        await pipeline.Started;

        await stack.PocketBase.StopAsync();
        try
        {
            finish.SetResult();
            await worker.WaitForLogAsync($"Storing the video of job {job.Id} failed");
        }
        finally
        {
            await stack.PocketBase.StartAsync();
        }

        var done = await EndedAsync(job);
        await worker.IdleAsync();

        done.Status.ShouldBe(JobStatus.Completed);
        done.VideoSize.ShouldBe(content.Length);
        done.Attempts.ShouldBe(1, "the same attempt finished it");
        Directory.Exists(DirectoryOf(job)).ShouldBeFalse();
    }
}
