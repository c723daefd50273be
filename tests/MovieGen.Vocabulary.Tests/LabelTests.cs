namespace MovieGen.Vocabulary.Tests;

/// <summary>A new language, step or status compiles only once every label table has its words
/// (the switches have no fallback); these say the words are there and are that language's own.</summary>
public sealed class LabelTests
{
    public static TheoryData<Lang> AllLanguages => new(Languages.All);

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public void Every_step_has_all_its_words_in_every_language_and_no_two_steps_share_a_name(Lang lang)
    {
        var labels = PipelineSteps.All.Select(step => step.Label(lang)).ToList();

        labels.ShouldAllBe(l => l.Name.Length > 0 && l.Short.Length > 0 && l.Running.Length > 0 && l.Failed.Length > 0);
        labels.Select(l => l.Name).Distinct().Count().ShouldBe(labels.Count);
        labels.Select(l => l.Short).Distinct().Count().ShouldBe(labels.Count);
    }

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public void Every_status_has_a_name_and_a_headline_in_every_language_and_no_two_share_a_name(Lang lang)
    {
        var labels = JobStatuses.All.Select(status => status.Label(lang)).ToList();

        labels.ShouldAllBe(l => l.Name.Length > 0 && l.Headline.Length > 0);
        labels.Select(l => l.Name).Distinct().Count().ShouldBe(labels.Count);
    }

    [Fact]
    public void No_language_table_is_a_copy_of_another()
    {
        foreach (var lang in Languages.All)
        {
            foreach (var other in Languages.All.Where(o => o != lang))
            {
                var shared = PipelineSteps.All.Where(s => s.Label(lang).Name == s.Label(other).Name)
                    .Select(s => s.ToString())
                    .Concat(JobStatuses.All.Where(s => s.Label(lang).Name == s.Label(other).Name).Select(s => s.ToString()));
                shared.ShouldBeEmpty($"{lang} and {other} name these the same");
            }
        }
    }

    [Fact]
    public void The_japanese_table_is_japanese_and_the_english_one_english()
    {
        var japanese = PipelineSteps.All.SelectMany(s => new[] { s.Label(Lang.Ja).Name, s.Label(Lang.Ja).Running, s.Label(Lang.Ja).Failed })
            .Concat(JobStatuses.All.Select(s => s.Label(Lang.Ja).Name));
        var english = PipelineSteps.All.SelectMany(s => new[] { s.Label(Lang.En).Name, s.Label(Lang.En).Running, s.Label(Lang.En).Failed })
            .Concat(JobStatuses.All.Select(s => s.Label(Lang.En).Name));

        japanese.ShouldAllBe(text => text.Any(c => (c >= '\u3040' && c <= '\u30ff') || (c >= '\u4e00' && c <= '\u9fff')));
        english.ShouldAllBe(text => text.All(c => c < '\u0080'));
    }
}
