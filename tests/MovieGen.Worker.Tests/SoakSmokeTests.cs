using MovieGen.Jobs;
using MovieGen.Soak;
using Xunit.Abstractions;

namespace MovieGen.Worker.Tests;

/// <summary>The short version of <c>make soak</c>, so CI exercises the same path: the real stack
/// (PocketBase, API process, two workers), a few jobs through the JSON API with realtime viewers
/// and pollers, and one worker killed mid-job.</summary>
public sealed class SoakSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_few_jobs_through_the_whole_stack_survive_a_worker_kill_and_all_end_well()
    {
        var result = await SoakScenario.RunAsync(SoakProfile.Smoke, output.WriteLine);

        result.Violations.ShouldBeEmpty();
        result.Jobs.Count.ShouldBe(SoakProfile.Smoke.Jobs);
        result.Jobs.ShouldAllBe(j => j.Last!.Status == JobStatus.Completed && j.VideoOk == true);
        result.Faults.Single().Name.ShouldStartWith("SIGKILL");
        result.Sse.UpdateLatencyMs.ShouldNotBeEmpty();
    }
}
