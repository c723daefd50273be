namespace MovieGen.Jobs.Tests;

public sealed class CreateWithLimitsTests(PocketBaseFixture pb) : IClassFixture<PocketBaseFixture>
{
    [Fact]
    public async Task Thirty_concurrent_creates_from_one_client_with_a_daily_quota_of_five_create_exactly_five()
    {
        var client = "quota-" + Guid.NewGuid().ToString("N")[..8];

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            pb.Store.CreateAsync(PocketBaseFixture.NewJob(client, i), new JobLimits(5, 1000), default)));

        results.OfType<CreateJobResult.Created>().Count().ShouldBe(5);
        var refused = results.OfType<CreateJobResult.Refused>().ToList();
        refused.Count.ShouldBe(25);
        refused.ShouldAllBe(r => r.Reason == RefusalReason.DailyQuota && r.Limit == 5);
        refused.ShouldAllBe(r => r.RetryAfter > TimeSpan.FromHours(23) && r.RetryAfter <= TimeSpan.FromHours(24));
        (await pb.Store.CountAsync($"client_ip = '{client}'", default)).ShouldBe(5);
    }

    [Fact]
    public async Task The_queue_cap_holds_under_concurrent_creates_from_many_clients()
    {
        var pendingBefore = await pb.Store.CountAsync("status = 'pending'", default);
        var cap = pendingBefore + 7;

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            pb.Store.CreateAsync(PocketBaseFixture.NewJob($"queue-{Guid.NewGuid():N}", i), new JobLimits(100, cap), default)));

        results.OfType<CreateJobResult.Created>().Count().ShouldBe(7);
        results.OfType<CreateJobResult.Refused>().ShouldAllBe(r => r.Reason == RefusalReason.QueueFull);
        (await pb.Store.CountAsync("status = 'pending'", default)).ShouldBe(cap);
    }

    [Fact]
    public async Task The_same_client_submitting_the_same_url_again_gets_the_queued_job_back()
    {
        var client = "dup-" + Guid.NewGuid().ToString("N")[..8];

        var first = await pb.Store.CreateAsync(PocketBaseFixture.NewJob(client, 1), PocketBaseFixture.Generous, default);
        var again = await pb.Store.CreateAsync(PocketBaseFixture.NewJob(client, 1), PocketBaseFixture.Generous, default);

        again.ShouldBeOfType<CreateJobResult.AlreadyQueued>().Job.Id
            .ShouldBe(first.ShouldBeOfType<CreateJobResult.Created>().Job.Id);
        (await pb.Store.CountAsync($"client_ip = '{client}'", default)).ShouldBe(1);
    }

    [Fact]
    public async Task A_new_job_is_pending_with_no_progress_and_keeps_the_requesters_language()
    {
        var result = await pb.Store.CreateAsync(new NewJob("https://example.com/en", "lang-" + Guid.NewGuid().ToString("N")[..6], "en"), PocketBaseFixture.Generous, default);

        var job = result.ShouldBeOfType<CreateJobResult.Created>().Job;
        job.Status.ShouldBe(JobStatus.Pending);
        job.Progress.ShouldBe(0);
        job.Lang.ShouldBe("en");
        job.Attempts.ShouldBe(0);
        JobId.IsValid(job.Id).ShouldBeTrue();
    }
}
