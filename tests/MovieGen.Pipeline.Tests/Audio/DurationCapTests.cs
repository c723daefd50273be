using MovieGen.Pipeline.Audio;

namespace MovieGen.Pipeline.Tests.Audio;

public class DurationCapTests
{
    [Fact]
    public void A_video_within_the_cap_keeps_every_section()
    {
        var sections = TimelineTests.Parse("metan:10|metan:60|zundamon:10");

        DurationCap.SectionsToKeep(sections, TimeSpan.FromMinutes(2)).ShouldBe([0, 1, 2]);
    }

    [Fact]
    public void Trailing_body_sections_are_dropped_until_it_fits_and_the_hook_and_summary_stay()
    {
        // 1+10 | 1+60 | 1+60 | 1+60 | 1+10+1 = 206 s; without the last two bodies 84 s.
        var sections = TimelineTests.Parse("metan:10|metan:60|zundamon:60|metan:60|zundamon:10");

        DurationCap.SectionsToKeep(sections, TimeSpan.FromMinutes(2)).ShouldBe([0, 1, 4]);
    }

    [Fact]
    public void When_even_hook_and_summary_are_too_long_there_is_no_answer()
    {
        var sections = TimelineTests.Parse("metan:100|metan:10|zundamon:100");

        DurationCap.SectionsToKeep(sections, TimeSpan.FromMinutes(2)).ShouldBeNull();
    }
}
