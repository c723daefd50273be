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
    public async Task An_expired_job_loses_its_record_and_directory()
    {
        var expired = await JobExpiringAtAsync(DateTimeOffset.UtcNow.AddMinutes(-1));

        var (deleted, _) = await NewPurge().PurgeAsync(default);

        deleted.ShouldBe(1);
        (await stack.Store.GetAsync(expired.Id, default)).ShouldBeNull();
        Directory.Exists(Path.Combine(stack.DataDir, expired.Id)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_job_expiring_later_the_same_utc_day_is_untouched()
    {
        // The reference service compared dates by day and deleted these.
        var now = DateTimeOffset.UtcNow;
        var laterToday = now.AddMinutes(Math.Min(60, (now.Date.AddDays(1) - now.UtcDateTime).TotalMinutes / 2));
        var keeper = await JobExpiringAtAsync(laterToday);

        await NewPurge().PurgeAsync(default);

        (await stack.Store.GetAsync(keeper.Id, default)).ShouldNotBeNull();
        Directory.Exists(Path.Combine(stack.DataDir, keeper.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_directory_without_a_record_is_removed_and_other_directories_are_left_alone()
    {
        var orphan = Path.Combine(stack.DataDir, "orphan000000001");
        var unrelated = Path.Combine(stack.DataDir, "not-a-job-dir");
        Directory.CreateDirectory(orphan);
        Directory.CreateDirectory(unrelated);
        var live = await stack.QueueAsync("https://example.com/live");
        Directory.CreateDirectory(Path.Combine(stack.DataDir, live.Id));

        var (_, orphans) = await NewPurge().PurgeAsync(default);

        orphans.ShouldBe(1);
        Directory.Exists(orphan).ShouldBeFalse();
        Directory.Exists(unrelated).ShouldBeTrue();
        Directory.Exists(Path.Combine(stack.DataDir, live.Id)).ShouldBeTrue();
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
