using System.Text.Json;

namespace MovieGen.Jobs.Tests;

/// <summary>PocketBase keeps its own lists of steps, statuses and languages (the migration's select
/// fields, the hooks' messages): these fail until they match the C# types.</summary>
public sealed class VocabularyTests(PocketBaseFixture pb) : IClassFixture<PocketBaseFixture>
{
    public static TheoryData<Lang> AllLanguages => new(Languages.All);

    [Fact]
    public async Task The_jobs_collection_allows_exactly_the_steps_statuses_and_languages_of_the_shared_types()
    {
        using var admin = await pb.Server.AdminHttpAsync();

        using var collection = JsonDocument.Parse(await admin.GetStringAsync("api/collections/jobs"));

        var selects = collection.RootElement.GetProperty("schema").EnumerateArray()
            .Where(field => field.GetProperty("type").GetString() == "select")
            .ToDictionary(
                field => field.GetProperty("name").GetString()!,
                field => field.GetProperty("options").GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList());
        selects["status"].ShouldBe(JobStatuses.All.Select(s => s.ToWireName()));
        selects["current_step"].ShouldBe(PipelineSteps.WireNames);
        selects["failed_step"].ShouldBe(PipelineSteps.WireNames);
        selects["lang"].ShouldBe(Languages.All.Select(l => l.Code()));
    }

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public async Task A_job_keeps_every_language_of_the_service_and_an_operators_cancel_is_explained_in_it(Lang lang)
    {
        var created = await pb.Store.CreateAsync(
            new NewJob($"https://news.example/lang/{Guid.NewGuid():N}", "vocabulary-" + lang.Code(), lang.Code()), PocketBaseFixture.Generous, default);
        var job = created.ShouldBeOfType<CreateJobResult.Created>().Job;

        var cancelled = await pb.Store.CancelAsync(job.Id, default, CancelledBy.Operator);

        job.Lang.ShouldBe(lang.Code());
        job.Language.ShouldBe(lang);
        cancelled.ShouldBeOfType<CancelResult.Cancelled>().Job.ErrorMessage.ShouldNotBeNullOrWhiteSpace();
    }
}
