using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Jobs.Tests;

/// <summary>Claims see the whole queue, so this class has its own PocketBase and clears it per test.</summary>
public sealed class ClaimTests(PocketBaseFixture pb) : IClassFixture<PocketBaseFixture>, IAsyncLifetime
{
    private static readonly ClaimRequest Worker = new("worker-a", TimeSpan.FromMinutes(2), MaxAttempts: 3);

    public async Task InitializeAsync()
    {
        await foreach (var job in pb.Store.ListAllAsync(null, null, default))
        {
            await pb.Store.DeleteAsync(job.Id, default);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<Job>> QueueAsync(int count, string client = "claims")
    {
        var jobs = new List<Job>();
        for (var i = 0; i < count; i++)
        {
            jobs.Add(((CreateJobResult.Created)await pb.Store.CreateAsync(PocketBaseFixture.NewJob(client, i), PocketBaseFixture.Generous, default)).Job);
        }

        return jobs;
    }

    [Fact]
    public async Task Twenty_concurrent_claims_against_five_pending_jobs_claim_exactly_those_five_once_each()
    {
        var queued = await QueueAsync(5);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            pb.Store.ClaimAsync(Worker with { WorkerId = $"w{i}" }, default)));

        var claimed = results.Where(r => r.Job is not null).Select(r => r.Job!).ToList();
        claimed.Count.ShouldBe(5);
        claimed.Select(j => j.Id).ShouldBe(queued.Select(j => j.Id), ignoreOrder: true);
        foreach (var job in claimed)
        {
            job.Status.ShouldBe(JobStatus.Processing);
            job.Attempts.ShouldBe(1);
            var stored = await pb.Store.GetAsync(job.Id, default);
            stored!.WorkerId.ShouldBe(job.WorkerId);
        }
    }

    [Fact]
    public async Task Claims_take_the_oldest_pending_job_first()
    {
        var queued = await QueueAsync(3);

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            order.Add((await pb.Store.ClaimAsync(Worker, default)).Job!.Id);
        }

        order.ShouldBe(queued.Select(j => j.Id));
        (await pb.Store.ClaimAsync(Worker, default)).Job.ShouldBeNull();
    }

    [Fact]
    public async Task A_processing_job_with_a_live_lease_is_never_claimed()
    {
        await QueueAsync(1);
        var first = await pb.Store.ClaimAsync(Worker with { Lease = TimeSpan.FromMinutes(5) }, default);

        var second = await pb.Store.ClaimAsync(Worker with { WorkerId = "worker-b" }, default);

        first.Job.ShouldNotBeNull();
        second.Job.ShouldBeNull();
    }

    [Fact]
    public async Task A_job_whose_lease_expired_is_reclaimed_and_its_attempt_count_rises()
    {
        await QueueAsync(1);
        var first = await pb.Store.ClaimAsync(Worker with { Lease = TimeSpan.FromSeconds(1) }, default);

        var reclaimed = await Eventually.ReturnsAsync(
            () => pb.Store.ClaimAsync(Worker with { WorkerId = "worker-b" }, default),
            r => r.Job is not null, TimeSpan.FromSeconds(10), "the 1-second lease expired and another worker claimed the job");

        reclaimed.Job!.Id.ShouldBe(first.Job!.Id);
        reclaimed.Job.WorkerId.ShouldBe("worker-b");
        reclaimed.Job.Attempts.ShouldBe(2);
        await Should.ThrowAsync<JobLostException>(() => pb.Store.UpdateAsync(first.Job.Id, "worker-a",
            TimeSpan.FromMinutes(1), new JobUpdate { Progress = 50 }, default));
    }

    [Fact]
    public async Task A_job_whose_lease_expired_on_its_last_attempt_ends_failed_with_a_clear_message()
    {
        await QueueAsync(1);
        var oneAttempt = Worker with { Lease = TimeSpan.FromSeconds(1), MaxAttempts = 1 };
        var first = await pb.Store.ClaimAsync(oneAttempt, default);

        var next = await Eventually.ReturnsAsync(() => pb.Store.ClaimAsync(oneAttempt, default),
            r => r.ExhaustedFailed > 0, TimeSpan.FromSeconds(10), "the expired last attempt was ended");

        next.Job.ShouldBeNull();
        var job = await pb.Store.GetAsync(first.Job!.Id, default);
        job!.Status.ShouldBe(JobStatus.Failed);
        job.ErrorMessage.ShouldContain("1 回");
        job.ExpiresAt.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(23));
    }

    [Fact]
    public async Task Release_returns_the_job_to_the_queue_without_spending_an_attempt()
    {
        await QueueAsync(1);
        var claimed = (await pb.Store.ClaimAsync(Worker, default)).Job!;

        (await pb.Store.ReleaseAsync(claimed.Id, Worker.WorkerId, default)).ShouldBeTrue();
        var again = (await pb.Store.ClaimAsync(Worker with { WorkerId = "worker-b" }, default)).Job;

        again!.Id.ShouldBe(claimed.Id);
        again.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Worker_updates_keep_progress_monotonic_and_renew_the_lease()
    {
        await QueueAsync(1);
        var claimed = (await pb.Store.ClaimAsync(Worker with { Lease = TimeSpan.FromSeconds(30) }, default)).Job!;

        await pb.Store.UpdateAsync(claimed.Id, Worker.WorkerId, TimeSpan.FromMinutes(10), new JobUpdate { Progress = 40, CurrentStep = "audio" }, default);
        var after = await pb.Store.UpdateAsync(claimed.Id, Worker.WorkerId, TimeSpan.FromMinutes(10), new JobUpdate { Progress = 20, ProgressMessage = new string('x', 800) }, default);

        after.Progress.ShouldBe(40);
        after.CurrentStep.ShouldBe("audio");
        after.ProgressMessage.Length.ShouldBe(500);
        after.LeaseUntil.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(9));
    }

    [Fact]
    public async Task Completing_a_job_sets_its_expiry_from_completion()
    {
        await QueueAsync(1);
        var claimed = (await pb.Store.ClaimAsync(Worker, default)).Job!;
        await StoredVideo.StoreAsync(pb.Store, claimed.Id, new byte[1234]);

        var done = await pb.Store.UpdateAsync(claimed.Id, Worker.WorkerId, Worker.Lease,
            new JobUpdate { Status = JobStatus.Completed, VideoSize = 1234, VideoDuration = 12.5 }, default);

        done.Status.ShouldBe(JobStatus.Completed);
        done.Progress.ShouldBe(100);
        done.CompletedAt.ShouldNotBeNull();
        (done.ExpiresAt!.Value - done.CompletedAt!.Value).ShouldBe(TimeSpan.FromHours(24), TimeSpan.FromSeconds(1));
        done.LeaseUntil.ShouldBeNull();
    }

    [Fact]
    public async Task Cancel_is_idempotent_stops_the_worker_and_refuses_finished_jobs()
    {
        var jobs = await QueueAsync(2);
        var running = (await pb.Store.ClaimAsync(Worker, default)).Job!;

        var first = await pb.Store.CancelAsync(running.Id, default);
        var second = await pb.Store.CancelAsync(running.Id, default);
        var lost = await Should.ThrowAsync<JobLostException>(() =>
            pb.Store.UpdateAsync(running.Id, Worker.WorkerId, Worker.Lease, new JobUpdate { Progress = 90 }, default));

        first.ShouldBeOfType<CancelResult.Cancelled>().Job.Status.ShouldBe(JobStatus.Cancelled);
        second.ShouldBeOfType<CancelResult.Cancelled>();
        lost.WasCancelled.ShouldBeTrue();

        var other = (await pb.Store.ClaimAsync(Worker, default)).Job!;
        await StoredVideo.StoreAsync(pb.Store, other.Id, [1]);
        await pb.Store.UpdateAsync(other.Id, Worker.WorkerId, Worker.Lease, new JobUpdate { Status = JobStatus.Completed }, default);
        (await pb.Store.CancelAsync(other.Id, default)).ShouldBeOfType<CancelResult.AlreadyFinished>();
        (await pb.Store.CancelAsync("doesnotexist123", default)).ShouldBeOfType<CancelResult.NotFound>();
        jobs.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("ja", "このサービスの運営者が動画の作成を取り消しました。")]
    [InlineData("en", "An operator of this service cancelled making this video.")]
    public async Task An_operators_cancel_tells_the_requester_so_in_their_language(string lang, string message)
    {
        var job = ((CreateJobResult.Created)await pb.Store.CreateAsync(
            new NewJob($"https://news.example/operator/{Guid.NewGuid():N}", "operator-cancel", lang), PocketBaseFixture.Generous, default)).Job;
        var own = ((CreateJobResult.Created)await pb.Store.CreateAsync(
            new NewJob($"https://news.example/own/{Guid.NewGuid():N}", "operator-cancel", lang), PocketBaseFixture.Generous, default)).Job;

        var byOperator = await pb.Store.CancelAsync(job.Id, default, CancelledBy.Operator);
        var byRequester = await pb.Store.CancelAsync(own.Id, default);

        byOperator.ShouldBeOfType<CancelResult.Cancelled>().Job.ErrorMessage.ShouldBe(message);
        byRequester.ShouldBeOfType<CancelResult.Cancelled>().Job.ErrorMessage.ShouldBeEmpty();
    }

    [Fact]
    public async Task Retry_puts_a_failed_job_back_in_the_queue_with_attempts_reset()
    {
        await QueueAsync(1);
        var claimed = (await pb.Store.ClaimAsync(Worker, default)).Job!;
        await pb.Store.UpdateAsync(claimed.Id, Worker.WorkerId, Worker.Lease,
            new JobUpdate { Status = JobStatus.Failed, ErrorMessage = "boom", FailedStep = "audio" }, default);

        var retried = await pb.Store.RetryAsync(claimed.Id, default);

        retried!.Status.ShouldBe(JobStatus.Pending);
        retried.Attempts.ShouldBe(0);
        retried.ErrorMessage.ShouldBeEmpty();
        retried.ExpiresAt.ShouldBeNull();
        (await pb.Store.ClaimAsync(Worker, default)).Job!.Id.ShouldBe(claimed.Id);
    }

    [Fact]
    public async Task Queue_position_counts_the_pending_jobs_ahead()
    {
        var jobs = await QueueAsync(3);

        var positions = new List<int>();
        foreach (var job in jobs)
        {
            positions.Add(await pb.Store.QueuePositionAsync(job, default));
        }

        positions.ShouldBe([1, 2, 3]);
    }
}
