using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using MovieGen.Jobs;
using MovieGen.Testing;

namespace MovieGen.Worker.Tests;

/// <summary>PocketBase's scheduled backups are set from BACKUP_* by the worker, and a backup
/// PocketBase made restores into a fresh data directory with the jobs in it — the README's
/// restore steps, done by a test.</summary>
public sealed class BackupTests(StackFixture stack) : IClassFixture<StackFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => stack.ResetAsync();

    public Task DisposeAsync() => stack.ResetAsync();

    private async Task<JsonElement> BackupSettingsAsync()
    {
        using var admin = await stack.PocketBase.AdminHttpAsync();
        return (await admin.GetFromJsonAsync<JsonElement>("api/settings")).GetProperty("backups");
    }

    [Fact]
    public async Task By_default_the_worker_schedules_a_daily_backup_keeping_seven()
    {
        var worker = await stack.StartWorkerAsync("backup-defaults");

        await worker.WaitForLogAsync("PocketBase backups: on \"0 3 * * *\", keeping 7", TimeSpan.FromSeconds(30));
        var backups = await BackupSettingsAsync();
        backups.GetProperty("cron").GetString().ShouldBe("0 3 * * *");
        backups.GetProperty("cronMaxKeep").GetInt32().ShouldBe(7);
    }

    [Theory]
    [InlineData("30 2 * * 0", "4", "30 2 * * 0", 4)]
    [InlineData("off", "3", "", 3)]
    public async Task BACKUP_CRON_and_BACKUP_KEEP_reach_PocketBase(string cron, string keep, string expectedCron, int expectedKeep)
    {
        var worker = await stack.StartWorkerAsync("backup-set", new Dictionary<string, string> { ["BACKUP_CRON"] = cron, ["BACKUP_KEEP"] = keep });

        await worker.WaitForLogAsync("PocketBase backups", TimeSpan.FromSeconds(30));
        var backups = await BackupSettingsAsync();
        backups.GetProperty("cron").GetString().ShouldBe(expectedCron);
        backups.GetProperty("cronMaxKeep").GetInt32().ShouldBe(expectedKeep);
    }

    [Theory]
    [InlineData("BACKUP_CRON", "at three")]
    [InlineData("BACKUP_KEEP", "0")]
    [InlineData("BACKUP_S3_BUCKET", "backups")]
    public async Task A_bad_backup_setting_stops_the_worker_with_a_message_naming_it(string name, string value)
    {
        await using var worker = AppProcess.Start("bad-backup", stack.WorkerEnvironment(new Dictionary<string, string> { [name] = value }));

        await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        worker.ExitCode.ShouldNotBe(0);
        worker.Log.ShouldContain(name);
    }

    [Fact]
    public async Task A_backup_restores_into_a_fresh_data_directory_with_its_jobs()
    {
        var jobs = new List<Job>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Add(await stack.QueueAsync($"https://news.example/backup/{i}"));
        }

        using var admin = await stack.PocketBase.AdminHttpAsync();
        var name = $"test_{Guid.NewGuid():N}"[..20] + ".zip";
        (await admin.PostAsJsonAsync("api/backups", new { name })).EnsureSuccessStatusCode();
        var fileToken = (await (await admin.PostAsync("api/files/token", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var zip = await admin.GetByteArrayAsync($"api/backups/{name}?token={fileToken}");

        var restored = Repo.NewTempDirectory("restored-pb");
        try
        {
            ZipFile.ExtractToDirectory(new MemoryStream(zip), restored);
            await using var server = await PocketBaseServer.StartOnAsync(restored);
            using var client = new MovieGen.Jobs.PocketBase.PocketBaseClient(server.Options);
            var store = new JobStore(client, Microsoft.Extensions.Options.Options.Create(new JobStoreOptions()));

            var found = new List<Job>();
            await foreach (var job in store.ListAllAsync(null, null, default))
            {
                found.Add(job);
            }

            found.Select(j => j.Id).Order().ShouldBe(jobs.Select(j => j.Id).Order());
            found.Select(j => j.Url).Order().ShouldBe(jobs.Select(j => j.Url).Order());
        }
        finally
        {
            if (Directory.Exists(restored))
            {
                Directory.Delete(restored, recursive: true); // the server removes its data dir when it is disposed
            }
        }
    }
}
