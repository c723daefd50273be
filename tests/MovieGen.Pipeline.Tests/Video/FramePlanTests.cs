using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Tests.Audio;
using MovieGen.Pipeline.Video;

namespace MovieGen.Pipeline.Tests.Video;

public class FramePlanTests
{
    [Fact]
    public void One_still_per_visual_change_tiling_the_whole_timeline()
    {
        // metan 2 s, zundamon 1 s | metan 1 s: pauses 1.0, 0.5, 1.0 (section), 1.0 (end).
        var timeline = Timeline.Build(TimelineTests.Parse("metan:2,zundamon:1|metan:1"));

        var plan = FramePlan.Build(timeline);

        plan.ShouldBe(
        [
            new FrameSegment(0, null, 0, 1),
            new FrameSegment(0, 0, 1, 3),
            new FrameSegment(0, null, 3, 3.5),
            new FrameSegment(0, 1, 3.5, 4.5),
            new FrameSegment(1, null, 4.5, 5.5),
            new FrameSegment(1, 2, 5.5, 6.5),
            new FrameSegment(1, null, 6.5, 7.5),
        ]);
        plan.Sum(s => s.Duration).ShouldBe(timeline.Total, 1e-9);
    }

    [Fact]
    public void Lines_of_one_speaker_follow_each_other_without_a_bare_slide_between()
    {
        var plan = FramePlan.Build(Timeline.Build(TimelineTests.Parse("metan:1,metan:1,metan:1")));

        plan.Select(s => s.Phrase).ShouldBe([null, 0, 1, 2, null]);
    }
}
