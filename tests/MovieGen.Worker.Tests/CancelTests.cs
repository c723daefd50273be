using System.Diagnostics;
using MovieGen.Jobs;
using MovieGen.Testing;

namespace MovieGen.Worker.Tests;

public sealed class CancelTests(StackFixture stack) : IClassFixture<StackFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => stack.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("audio")]
    [InlineData("video")]
    public async Task Cancelling_a_running_job_stops_its_tools_and_removes_its_files_within_two_seconds(string step)
    {
        var worker = await stack.StartWorkerAsync($"cancel-{step}");
        var job = await stack.QueueAsync(stack.Site.Url($"/long-ja?cancel={step}"));
        var directory = Path.Combine(stack.DataDir, job.Id);
        await stack.WaitForAsync(job.Id, j => j.CurrentStep == step, TimeSpan.FromSeconds(150), $"the job reached {step}");

        var clock = Stopwatch.StartNew();
        var result = await stack.Store.CancelAsync(job.Id, default);
        await Eventually.TrueAsync(() => !Directory.Exists(directory) && ProcessTable.DescendantsOf(worker.Pid).Count == 0,
            TimeSpan.FromSeconds(5), "the job's tools are gone and its files removed");
        var stoppedIn = clock.Elapsed;

        result.ShouldBeOfType<CancelResult.Cancelled>();
        stoppedIn.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        ProcessTable.ToolsWorkingIn(directory).ShouldBeEmpty();
        (await stack.Store.GetAsync(job.Id, default))!.Status.ShouldBe(JobStatus.Cancelled);
        await worker.WaitForLogAsync($"Job {job.Id} cancelled", TimeSpan.FromSeconds(5));
        worker.HasExited.ShouldBeFalse();
    }
}
