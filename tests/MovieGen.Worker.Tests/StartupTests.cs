using MovieGen.Testing;
namespace MovieGen.Worker.Tests;

public sealed class StartupTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Theory]
    [InlineData("MAX_CONCURRENT_JOBS", "0")]
    [InlineData("MAX_CONCURRENT_JOBS", "lots")]
    [InlineData("WORKER_POLL_INTERVAL", "-1")]
    [InlineData("CLEANUP_CRON", "every ten minutes")]
    [InlineData("JOB_EXPIRATION_HOURS", "0")]
    [InlineData("POCKETBASE_URL", "not a url")]
    public async Task A_bad_setting_stops_the_worker_with_a_message_naming_it(string name, string value)
    {
        await using var worker = AppProcess.Start("bad", stack.WorkerEnvironment(new Dictionary<string, string> { [name] = value }));

        await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        worker.ExitCode.ShouldNotBe(0);
        worker.Log.ShouldContain(name);
    }

    [Fact]
    public async Task The_development_admin_password_is_refused_in_production()
    {
        await using var worker = AppProcess.Start("prod", stack.WorkerEnvironment(new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["POCKETBASE_ADMIN_PASSWORD"] = "moviegen-dev-password",
        }));

        await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        worker.ExitCode.ShouldNotBe(0);
        worker.Log.ShouldContain("POCKETBASE_ADMIN_PASSWORD");
    }

    [Fact]
    public async Task A_started_worker_says_it_is_waiting_for_jobs()
    {
        var worker = await stack.StartWorkerAsync("hello");

        worker.Log.ShouldContain("Worker hello waiting for jobs");
    }
}
