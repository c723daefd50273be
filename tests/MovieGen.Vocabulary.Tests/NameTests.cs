namespace MovieGen.Vocabulary.Tests;

public sealed class NameTests
{
    [Fact]
    public void Every_wire_name_reads_back_as_its_step_and_status()
    {
        PipelineSteps.All.ShouldAllBe(step => PipelineSteps.FromWireName(step.ToWireName()) == step);
        JobStatuses.All.ShouldAllBe(status => JobStatuses.FromWireName(status.ToWireName()) == status);
        PipelineSteps.FromWireName("").ShouldBeNull();
        PipelineSteps.FromWireName("subtitles").ShouldBeNull();
        JobStatuses.FromWireName("all").ShouldBeNull();
    }

    [Fact]
    public void Only_completed_failed_and_cancelled_jobs_are_finished()
    {
        JobStatuses.All.Where(s => s.IsTerminal()).ShouldBe([JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled]);
    }

    [Fact]
    public void Every_language_has_its_own_code_which_reads_back_as_it()
    {
        Languages.All.Select(l => l.Code()).Distinct().Count().ShouldBe(Languages.All.Count);
        Languages.All.ShouldAllBe(lang => Languages.FromCode(lang.Code()) == lang);
    }

    [Theory]
    [InlineData("en-GB", Lang.En)]
    [InlineData("EN", Lang.En)]
    [InlineData("ja-JP", Lang.Ja)]
    [InlineData("fr", Lang.Ja)]
    [InlineData("", Lang.Ja)]
    [InlineData(null, Lang.Ja)]
    public void A_stored_code_or_tag_reads_as_its_language_and_anything_else_as_the_default(string? code, Lang expected)
    {
        Languages.FromCode(code).ShouldBe(expected);
    }

    [Fact]
    public void A_tag_naming_none_of_our_languages_is_not_one_of_them()
    {
        Languages.Find("fr-FR").ShouldBeNull();
        Languages.Find(null).ShouldBeNull();
    }

    [Fact]
    public void A_user_text_built_per_language_reads_back_in_each()
    {
        var text = UserText.Of(lang => $"{lang.Code()}!");

        Languages.All.ShouldAllBe(lang => text.In(lang) == $"{lang.Code()}!");
    }
}
