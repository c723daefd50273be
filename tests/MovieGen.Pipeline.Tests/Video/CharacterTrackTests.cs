using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Tests.Audio;
using MovieGen.Pipeline.Video;

namespace MovieGen.Pipeline.Tests.Video;

public class CharacterTrackTests
{
    private const int Top = CharacterSprites.LevelSteps;

    // metan 2 s (starts 1.0), zundamon 1 s (starts 3.5), end 5.5.
    private static readonly Timeline Timeline = Timeline.Build(TimelineTests.Parse("metan:2,zundamon:1"));

    /// <summary>metan: open for 0.5 s, shut 0.5 s, half 1 s; zundamon: open throughout.</summary>
    private static readonly IReadOnlyList<MouthTimeline> Mouths =
    [
        MouthTimeline.FromRuns("test", [(0.5, MouthShape.Open), (0.5, MouthShape.Closed), (1, MouthShape.Half)]),
        MouthTimeline.FromRuns("test", [(1, MouthShape.Open)]),
    ];

    [Theory]
    [InlineData(0.5, MouthShape.Closed)] // the opening pause
    [InlineData(1.2, MouthShape.Open)]
    [InlineData(1.7, MouthShape.Closed)] // a silence inside the line
    [InlineData(2.5, MouthShape.Half)]
    [InlineData(3.2, MouthShape.Closed)] // the pause before the other speaks
    [InlineData(4.0, MouthShape.Closed)] // the other's line
    public void The_speakers_mouth_follows_its_own_lines_only(double at, MouthShape expected)
    {
        var track = CharacterTrack.Build("metan", Timeline, Mouths, []);

        At(track, at).Mouth.ShouldBe(expected);
    }

    [Fact]
    public void The_listeners_mouth_stays_shut_while_the_other_speaks()
    {
        var track = CharacterTrack.Build("zundamon", Timeline, Mouths, []);

        track.Where(r => r.End <= 3.5).ShouldAllBe(r => r.State.Mouth == MouthShape.Closed);
        At(track, 4.0).Mouth.ShouldBe(MouthShape.Open);
    }

    [Fact]
    public void The_speaker_is_at_full_level_and_the_change_of_speaker_ramps_just_before_the_new_line()
    {
        var metan = CharacterTrack.Build("metan", Timeline, Mouths, []);
        var zundamon = CharacterTrack.Build("zundamon", Timeline, Mouths, []);

        (At(metan, 0.2).Level, At(zundamon, 0.2).Level).ShouldBe((Top, 0), "the first speaker is highlighted from the start");
        (At(metan, 3.0).Level, At(zundamon, 3.0).Level).ShouldBe((Top, 0), "held through the pause after its line");
        var middle = 3.5 - (CharacterTrack.SpeakerChangeSeconds / 2);
        At(metan, middle).Level.ShouldBeInRange(1, Top - 1);
        At(zundamon, middle).Level.ShouldBeInRange(1, Top - 1);
        (At(metan, 3.6).Level, At(zundamon, 3.6).Level).ShouldBe((0, Top));
        (At(metan, 5.4).Level, At(zundamon, 5.4).Level).ShouldBe((0, Top), "the last speaker stays highlighted to the end");
    }

    [Fact]
    public void Runs_tile_the_video_on_the_frame_grid_and_neighbours_differ()
    {
        var track = CharacterTrack.Build("metan", Timeline, Mouths, CharacterTrack.Blinks("job", "metan", Timeline.Total));

        track[0].Start.ShouldBe(0);
        track[^1].End.ShouldBe(Timeline.Total, 1e-9);
        track.Zip(track.Skip(1)).ShouldAllBe(p => Math.Abs(p.First.End - p.Second.Start) < 1e-9 && p.First.State != p.Second.State);
        track.SkipLast(1).ShouldAllBe(r => Math.Abs((r.End * CharacterTrack.FramesPerSecond) - Math.Round(r.End * CharacterTrack.FramesPerSecond)) < 1e-6);
    }

    [Fact]
    public void Blinks_come_every_two_to_five_seconds_and_a_rerun_of_the_job_blinks_the_same()
    {
        var blinks = CharacterTrack.Blinks("abc123def456ghi", "metan", 120);

        blinks.ShouldBe(CharacterTrack.Blinks("abc123def456ghi", "metan", 120));
        blinks.ShouldNotBe(CharacterTrack.Blinks("abc123def456ghi", "zundamon", 120), "the two characters do not blink in step");
        blinks.ShouldNotBe(CharacterTrack.Blinks("zzz999", "metan", 120), "another job blinks differently");
        blinks[0].ShouldBeLessThan(3.1);
        blinks.Zip(blinks.Skip(1)).ShouldAllBe(p => p.Second - p.First >= 2 && p.Second - p.First <= 5);
        blinks.Count.ShouldBeInRange(24, 60);
    }

    [Fact]
    public void Eyes_are_closed_for_a_couple_of_frames_at_each_blink()
    {
        var track = CharacterTrack.Build("zundamon", Timeline, Mouths, [2.0]);

        At(track, 2.0).EyesClosed.ShouldBeTrue();
        At(track, 2.07).EyesClosed.ShouldBeTrue();
        At(track, 1.9).EyesClosed.ShouldBeFalse();
        At(track, 2.2).EyesClosed.ShouldBeFalse();
        track.Where(r => r.State.EyesClosed).Sum(r => r.Duration).ShouldBe(2.0 / CharacterTrack.FramesPerSecond, 1e-9);
    }

    private static SpriteState At(IReadOnlyList<SpriteRun> track, double t) => track.Last(r => r.Start <= t + 1e-9).State;
}
