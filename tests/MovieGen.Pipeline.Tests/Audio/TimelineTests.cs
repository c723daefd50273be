using System.Globalization;
using MovieGen.Pipeline.Audio;

namespace MovieGen.Pipeline.Tests.Audio;

public class TimelineTests
{
    /// <summary>Sections are separated by "|", phrases by ",", each phrase "persona:seconds".</summary>
    [Theory]
    [InlineData("metan:2", "1", 4.0)]
    [InlineData("metan:1,metan:2", "1,2", 5.0)]
    [InlineData("metan:1,zundamon:1", "1,2.5", 4.5)]
    [InlineData("metan:1,zundamon:1,metan:1", "1,2.5,4", 6.0)]
    [InlineData("metan:1|zundamon:1", "1,3", 5.0)]
    [InlineData("metan:1|metan:1,zundamon:2|tsumugi:1", "1,3,4.5,7.5", 9.5)]
    [InlineData(":1,metan:1", "1,2", 4.0)]
    [InlineData("unknown:1,metan:1", "1,2", 4.0)]
    public void Phrases_start_after_the_pauses_the_rules_prescribe(string sections, string expectedStarts, double expectedTotal)
    {
        var timeline = Timeline.Build(Parse(sections));

        timeline.Phrases.Select(p => p.Start).ShouldBe(
            expectedStarts.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)), tolerance: 1e-9);
        timeline.Total.ShouldBe(expectedTotal, 1e-9);
    }

    [Fact]
    public void Sections_tile_the_timeline_from_zero_to_the_end()
    {
        var timeline = Timeline.Build(Parse("metan:1.5,zundamon:2|metan:3|zundamon:1,metan:1"));

        timeline.Sections[0].Start.ShouldBe(0);
        for (var i = 1; i < timeline.Sections.Count; i++)
        {
            timeline.Sections[i].Start.ShouldBe(timeline.Sections[i - 1].End, 1e-9);
        }

        timeline.Sections[^1].End.ShouldBe(timeline.Total, 1e-9);
        timeline.Sections[1].Start.ShouldBe(timeline.Phrases[1].End, 1e-9, "a section's slide appears as the pause before it begins");
    }

    [Fact]
    public void Phrase_end_is_its_start_plus_its_audio_length_and_indices_run_across_sections()
    {
        var timeline = Timeline.Build(Parse("metan:1.25|zundamon:0.75,zundamon:2"));

        timeline.Phrases.Select(p => p.Index).ShouldBe([0, 1, 2]);
        timeline.Phrases.Select(p => p.Section).ShouldBe([0, 1, 1]);
        timeline.Phrases.Select(p => p.End - p.Start).ShouldBe([1.25, 0.75, 2], tolerance: 1e-9);
    }

    internal static IReadOnlyList<IReadOnlyList<PhraseClip>> Parse(string sections) =>
        sections.Split('|')
            .Select(section => (IReadOnlyList<PhraseClip>)section.Split(',')
                .Select(phrase => phrase.Split(':'))
                .Select(p => new PhraseClip(p[0].Length == 0 ? null : p[0], double.Parse(p[1], CultureInfo.InvariantCulture)))
                .ToList())
            .ToList();
}
