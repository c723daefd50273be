using MovieGen.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;
using MovieGen.Worker.Options;
using MovieGen.Worker.Purge;

namespace MovieGen.Worker.Tests;

public sealed class PurgeTests(StackFixture stack) : IClassFixture<StackFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => stack.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private PurgeService NewPurge() => new(stack.Store,
        Microsoft.Extensions.Options.Options.Create(new WorkerOptions { JobDataDir = stack.DataDir }),
        TimeProvider.System, NullLogger<PurgeService>.Instance);

    private async Task<Job> JobExpiringAtAsync(DateTimeOffset expiresAt)
    {
        var job = await stack.QueueAsync("https://example.com/purge");
        var updated = await stack.Client.UpdateRecordAsync<Job>("jobs", job.Id,
            new { status = "completed", expires_at = PbDate.ToText(expiresAt) }, default);
        Directory.CreateDirectory(Path.Combine(stack.DataDir, job.Id));
        await File.WriteAllTextAsync(Path.Combine(stack.DataDir, job.Id, "output.mp4"), "video");
        return updated;
    }

    [Fact]
    public async Task An_expired_job_loses_its_record_its_stored_files_and_its_directory()
    {
        var expired = await JobExpiringAtAsync(DateTimeOffset.UtcNow.AddMinutes(-1));
        await StoredVideo.StoreAsync(stack.Store, expired.Id, [1, 2, 3], "title: t\n");
        StoredVideo.OnDisk(stack.PocketBase, expired.Id).Count.ShouldBe(2);

        var (deleted, _) = await NewPurge().PurgeAsync(default);

        deleted.ShouldBe(1);
        (await stack.Store.GetAsync(expired.Id, default)).ShouldBeNull();
        Directory.Exists(Path.Combine(stack.DataDir, expired.Id)).ShouldBeFalse();
        await Eventually.TrueAsync(() => StoredVideo.OnDisk(stack.PocketBase, expired.Id).Count == 0, TimeSpan.FromSeconds(10),
            "PocketBase deleted the video and script with the record");
    }

    [Fact]
    public async Task A_job_expiring_later_the_same_utc_day_keeps_its_record_and_video()
    {
        // The reference service compared dates by day and deleted these.
        var now = DateTimeOffset.UtcNow;
        var laterToday = now.AddMinutes(Math.Min(60, (now.Date.AddDays(1) - now.UtcDateTime).TotalMinutes / 2));
        var keeper = await JobExpiringAtAsync(laterToday);
        await StoredVideo.StoreAsync(stack.Store, keeper.Id, [1, 2, 3]);

        await NewPurge().PurgeAsync(default);

        (await stack.Store.GetAsync(keeper.Id, default)).ShouldNotBeNull();
        StoredVideo.OnDisk(stack.PocketBase, keeper.Id).ShouldNotBeEmpty("its video is served until it expires");
    }

    [Fact]
    public async Task Scratch_of_gone_or_ended_jobs_is_removed_and_that_of_pending_or_running_jobs_and_other_directories_stays()
    {
        var orphan = Path.Combine(stack.DataDir, "orphan000000001");
        var unrelated = Path.Combine(stack.DataDir, "not-a-job-dir");
        Directory.CreateDirectory(orphan);
        Directory.CreateDirectory(unrelated);
        var pending = await stack.QueueAsync("https://example.com/pending");
        var running = await stack.QueueAsync("https://example.com/running");
        await stack.Client.UpdateRecordAsync<Job>("jobs", running.Id, new { status = "processing", worker_id = "another-host" }, default);
        var endedElsewhere = await stack.QueueAsync("https://example.com/ended");
        await StoredVideo.CompleteWithAsync(stack.Store, endedElsewhere.Id, [1, 2, 3]);
        foreach (var job in new[] { pending, running, endedElsewhere })
        {
            Directory.CreateDirectory(Path.Combine(stack.DataDir, job.Id));
        }

        var (_, removed) = await NewPurge().PurgeAsync(default);

        removed.ShouldBe(2);
        Directory.Exists(orphan).ShouldBeFalse();
        Directory.Exists(Path.Combine(stack.DataDir, endedElsewhere.Id)).ShouldBeFalse("its job completed on another host");
        Directory.Exists(unrelated).ShouldBeTrue();
        Directory.Exists(Path.Combine(stack.DataDir, pending.Id)).ShouldBeTrue("a handed-back job may resume here");
        Directory.Exists(Path.Combine(stack.DataDir, running.Id)).ShouldBeTrue("a worker beside us may share this directory");
    }

    [Fact]
    public async Task Purging_pages_through_more_expired_jobs_than_one_page_and_two_purges_at_once_are_harmless()
    {
        var expired = new List<Job>();
        for (var i = 0; i < 130; i++)
        {
            expired.Add(await JobExpiringAtAsync(DateTimeOffset.UtcNow.AddHours(-1)));
        }

        var results = await Task.WhenAll(NewPurge().PurgeAsync(default), NewPurge().PurgeAsync(default));

        // Both may count a record they raced to delete; what matters is that all are gone, no error.
        results.Sum(r => r.Expired).ShouldBeGreaterThanOrEqualTo(130);
        (await stack.Store.CountAsync(null, default)).ShouldBe(0);
        expired.ShouldAllBe(j => !Directory.Exists(Path.Combine(stack.DataDir, j.Id)));
    }
}
