using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using MovieGen.Api.Admin;

namespace MovieGen.Api.Tests.Admin;

/// <summary>GET /api/admin/job-stats on records stored in a real PocketBase (this class's own, so
/// no other test's jobs are counted).</summary>
public sealed class JobStatsEndpointTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api(("OPERATOR_TOKEN", AdminClients.Token));

    /// <summary>A job whose times are set relative to the <c>created</c> PocketBase gave it: started
    /// <paramref name="wait"/> s later, then steps of the given lengths (null: not finished).</summary>
    private async Task SeedAsync(JobStatus status, double? wait = null, double?[]? steps = null, string? failedStep = null)
    {
        var job = await fx.NewJobAsync();
        var started = wait is { } w ? job.Created.AddSeconds(w) : (DateTimeOffset?)null;
        Dictionary<string, StepTiming>? timings = steps is null ? null : [];
        var at = started;
        for (var i = 0; steps is not null && i < steps.Length; i++)
        {
            var end = steps[i] is { } seconds ? at!.Value.AddSeconds(seconds) : (DateTimeOffset?)null;
            timings![PipelineSteps.WireNames[i]] = new StepTiming(at, end);
            at = end;
        }

        var terminal = status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
        await fx.PatchAsync(job.Id, new
        {
            status,
            started_at = started,
            completed_at = terminal ? at ?? started ?? job.Created.AddSeconds(1) : (DateTimeOffset?)null,
            step_timings = timings,
            failed_step = failedStep,
            attempts = wait is null ? 0 : 1,
        });
    }

    [Fact]
    public async Task The_figures_are_exact_and_the_same_as_JobStats_computes_from_the_stored_records()
    {
        await SeedAsync(JobStatus.Completed, wait: 10, steps: [2, 3, 5, 6, 4]);
        await SeedAsync(JobStatus.Completed, wait: 30, steps: [4, 5, 15, 8, 8]);
        await SeedAsync(JobStatus.Failed, wait: 20, steps: [3, 4, null], failedStep: "audio");
        await SeedAsync(JobStatus.Cancelled);
        await SeedAsync(JobStatus.Pending);
        using var client = api.WithToken();

        using var response = await client.GetAsync("/api/admin/job-stats");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var stats = JsonDocument.Parse(text).RootElement;
        stats.GetProperty("created").GetInt32().ShouldBe(5);
        stats.GetProperty("completed").GetInt32().ShouldBe(2);
        stats.GetProperty("failed").GetInt32().ShouldBe(1);
        stats.GetProperty("cancelled").GetInt32().ShouldBe(1);
        stats.GetProperty("success_rate").GetDouble().ShouldBe(2.0 / 3);
        stats.GetProperty("processing_time").GetProperty("average_seconds").GetDouble().ShouldBe(30); // 20 and 40
        stats.GetProperty("processing_time").GetProperty("p95_seconds").GetDouble().ShouldBe(40);
        stats.GetProperty("queue_wait").GetProperty("average_seconds").GetDouble().ShouldBe(20); // 10, 30, 20
        stats.GetProperty("failures_by_step")[2].GetProperty("count").GetInt32().ShouldBe(1);
        stats.GetProperty("steps")[0].GetProperty("average_seconds").GetDouble().ShouldBe(3); // 2, 4, 3
        stats.GetProperty("steps")[2].GetProperty("average_seconds").GetDouble().ShouldBe(10); // 5, 15

        var stored = await fx.Store.ListAllAsync(null, null, default).ToListAsync();
        var until = stats.GetProperty("until").GetDateTimeOffset();
        var expected = JsonSerializer.Serialize(JobStats.Compute(stored, until), api.Service<IOptions<JsonOptions>>().Value.SerializerOptions);
        JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(expected)).ShouldBeTrue($"{text}\n≠\n{expected}");
    }

    [Fact]
    public async Task The_window_can_be_chosen_in_hours_and_nonsense_is_a_400_problem()
    {
        using var client = api.WithToken();

        var week = await client.GetFromJsonAsync<JsonElement>("/api/admin/job-stats?hours=168");
        using var zero = await client.GetAsync("/api/admin/job-stats?hours=0");
        using var words = await client.GetAsync("/api/admin/job-stats?hours=lots");

        week.GetProperty("window_hours").GetDouble().ShouldBe(168);
        (week.GetProperty("until").GetDateTimeOffset() - week.GetProperty("since").GetDateTimeOffset()).ShouldBe(TimeSpan.FromHours(168));
        zero.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await words.ProblemAsync()).Reason.ShouldBe("invalid_query");
    }
}
