using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Slides;
using MovieGen.Pipeline.Video;
using SkiaSharp;

namespace MovieGen.Pipeline.Tests.Video;

public sealed class CharactersOnScreenTests(CharacterRunFixture run) : IClassFixture<CharacterRunFixture>
{
    [Fact]
    public void The_script_brings_both_characters_on_screen_one_in_each_corner()
    {
        run.Placements.Keys.Order().ShouldBe(["metan", "zundamon"]);
        run.Placements.Values.Count(p => p.OnLeft).ShouldBe(1);
    }

    [Fact]
    public async Task At_a_loud_moment_the_speakers_mouth_differs_from_a_silent_one_and_the_listeners_does_not_move()
    {
        // A line followed by the other speaker: its speaker stays highlighted in the pause after it.
        var (line, next) = run.Timeline.Phrases.Zip(run.Timeline.Phrases.Skip(1))
            .First(p => p.First.PersonaId != p.Second.PersonaId && p.Second.Start - p.First.End >= 0.45 && p.First.End - p.First.Start > 1);
        var speaker = run.Placements[line.PersonaId];
        var listener = run.Placements.Values.Single(p => p != speaker);
        var loud = line.Start + LoudestMoment(run.Phrases[line.Index].Path);
        var silent = line.End + 0.12;

        using var atLoud = ImageCompare.Load(await run.FrameAsync(loud, "loud"));
        using var atSilence = ImageCompare.Load(await run.FrameAsync(silent, "silent"));

        ImageCompare.MeanDifference(atLoud, atSilence, ImageCompare.Round(speaker.MouthOnScreen(1)))
            .ShouldBeGreaterThan(8, $"the speaker's mouth at {loud:0.00} s (loud) and {silent:0.00} s (silent)");
        ImageCompare.MeanDifference(atLoud, atSilence, ImageCompare.Round(listener.MouthOnScreen(0)))
            .ShouldBeLessThan(2, "the listener's mouth stays shut");
    }

    [Fact]
    public async Task Each_character_blinks_now_and_then_for_a_moment()
    {
        // The longest stretch without a change of speaker: there each character's eyes change only by blinking.
        var changes = run.Timeline.Phrases.Where((p, i) => i == 0 || run.Timeline.Phrases[i - 1].PersonaId != p.PersonaId)
            .Select(p => p.Start).Append(run.Timeline.Total + CharacterTrack.SpeakerChangeSeconds).ToList();
        var (from, to) = changes.Zip(changes.Skip(1)).Select(p => (From: p.First + 0.05, To: p.Second - CharacterTrack.SpeakerChangeSeconds - 0.05))
            .MaxBy(w => w.To - w.From);
        (to - from).ShouldBeGreaterThan(5.2, "a stretch long enough to hold a blink (they come every 2–5 s)");
        var speaker = run.Timeline.Phrases.Last(p => p.Start <= from + CharacterTrack.SpeakerChangeSeconds + 0.1).PersonaId;

        var frames = await MediaProbe.ExtractFramesAsync(run.Job.VideoPath, from, Math.Min(to - from, 8), CharacterTrack.FramesPerSecond,
            Path.Combine(run.Root, "stretch"));
        var bitmaps = frames.Select(ImageCompare.Load).ToList();
        try
        {
            foreach (var (persona, placement) in run.Placements)
            {
                // Each frame's eye region against the per-pixel median of all of them (the open eyes).
                var eyes = ImageCompare.Round(placement.EyesOnScreen(persona == speaker ? 1 : 0));
                var regions = bitmaps.Select(b => Pixels(b, eyes)).ToList();
                var usual = Enumerable.Range(0, regions[0].Length).Select(i => regions.Select(r => r[i]).Order().ElementAt(regions.Count / 2)).ToArray();
                var shut = regions.Select(r => r.Zip(usual, (a, b) => Math.Abs(a - b)).Average() > 10).ToList();

                shut.ShouldContain(true, $"{persona} blinks between {from:0.0} s and {to:0.0} s");
                shut.Count(s => s).ShouldBeLessThan(shut.Count / 6, $"{persona}'s eyes are open most of the time");
                LongestRun(shut).ShouldBeLessThanOrEqualTo(3, "a blink lasts a moment");
            }
        }
        finally
        {
            bitmaps.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public async Task The_speaker_is_brighter_and_stands_higher_than_when_it_listens()
    {
        foreach (var (persona, placement) in run.Placements)
        {
            var own = run.Timeline.Phrases.First(p => p.PersonaId == persona && p.End - p.Start > 1);
            var others = run.Timeline.Phrases.First(p => p.PersonaId != persona && p.End - p.Start > 1);
            using var speaking = ImageCompare.Load(await run.FrameAsync(own.Middle, $"{persona}-speaks"));
            using var listening = ImageCompare.Load(await run.FrameAsync(others.Middle, $"{persona}-listens"));
            var region = placement.Sprite;

            ImageCompare.Luminance(speaking, region).ShouldBeGreaterThan(ImageCompare.Luminance(listening, region) + 6, $"{persona} lights up when speaking");
            ((double)(TopOfCharacter(listening, region) - TopOfCharacter(speaking, region))).ShouldBe(placement.Raise, 2.0, $"{persona} rises when speaking");
        }
    }

    [Fact]
    public async Task The_video_lasts_as_long_as_the_narration_with_its_picture_to_the_end()
    {
        var info = await MediaProbe.ProbeAsync(run.Job.VideoPath);

        (info.VideoCodec, info.AudioCodec, info.Width, info.Height, info.PixelFormat).ShouldBe(("h264", "aac", 1280, 720, "yuv420p"));
        info.Duration.ShouldBe(run.Timeline.Total, 0.2);
        run.Result.VideoDurationSeconds.ShouldBe(run.Timeline.Total, 0.2);
        (await VideoStreamDurationAsync(run.Job.VideoPath)).ShouldBe(run.Timeline.Total, 0.2, "the picture does not stop before the sound");
        info.VideoFrames.ShouldBeLessThan((int)(run.Timeline.Total * CharacterTrack.FramesPerSecond), "frames that repeat the one before are not encoded");
    }

    [Fact]
    public async Task A_new_section_cross_fades_from_the_previous_slide()
    {
        var section = run.Timeline.Sections[1];
        var body = ImageCompare.Round(new CharacterCast(new PipelineOptions()).Geometry().Body);
        using var previous = ImageCompare.Load(run.Job.SlidePath(0));
        using var next = ImageCompare.Load(run.Job.SlidePath(1));

        using var during = ImageCompare.Load(await run.FrameAsync(section.Start + (VideoStage.CrossFadeSeconds / 2), "fading"));
        using var after = ImageCompare.Load(await run.FrameAsync(section.Start + VideoStage.CrossFadeSeconds + 0.15, "faded"));

        var apart = ImageCompare.MeanDifference(previous, next, body);
        apart.ShouldBeGreaterThan(3, "the two slides differ");
        ImageCompare.MeanDifference(during, previous, body).ShouldBeInRange(apart * 0.2, apart * 0.8, "half way between the slides");
        ImageCompare.MeanDifference(during, next, body).ShouldBeInRange(apart * 0.2, apart * 0.8);
        ImageCompare.MeanDifference(after, next, body).ShouldBeLessThan(2, "then the new slide alone");
    }

    [Fact]
    public async Task The_characters_credit_is_on_the_last_slide_until_the_end_of_the_video()
    {
        var geometry = new CharacterCast(new PipelineOptions()).Geometry();
        var strip = ImageCompare.Round(new SKRect(geometry.Body.MidX, geometry.Body.Bottom - (28 * geometry.Scale), geometry.Body.Right, geometry.Body.Bottom));
        using var last = ImageCompare.Load(run.Job.SlidePath(run.Script.Sections.Count - 1));
        using var end = ImageCompare.Load(await run.FrameAsync(run.Timeline.Total - 0.7, "end"));

        ImageCompare.InkFraction(last, strip, SlideTheme.Background).ShouldBeGreaterThan(0.02, "the credit line is drawn");
        ImageCompare.MeanDifference(end, last, strip).ShouldBeLessThan(4, "and still shows at the end");
    }

    [Fact]
    public async Task A_rerun_of_the_job_after_losing_only_the_video_makes_the_same_video_from_the_same_artefacts()
    {
        // Same job id (the directory's name) elsewhere: the blinks come out the same.
        var copy = new JobDirectory(Path.Combine(MovieGen.Testing.Repo.NewTempDirectory("rerun"), Path.GetFileName(run.Job.Root)));
        try
        {
            Runner.PipelineFromScriptTests.CopyDirectory(run.Job.Root, copy.Root);
            File.Delete(copy.VideoPath);
            var mouths = Directory.GetFiles(copy.AudioDirectory, "*.mouth.json").ToDictionary(f => f, File.GetLastWriteTimeUtc);
            using var host = new Runner.PipelineHost(("ALLOW_PRIVATE_URLS", "true"));

            var result = await host.Runner.RunAsync(PipelineInput.FromUrl(new Uri("http://127.0.0.1:9/unused")), copy.Root, null, CancellationToken.None);

            result.StepsRun.ShouldBe([PipelineStep.Video]);
            mouths.ShouldAllBe(m => File.GetLastWriteTimeUtc(m.Key) == m.Value, "mouth timelines are artefacts, not redone");
            var fps = CharacterTrack.FramesPerSecond;
            var frames = await MediaProbe.ExtractFramesAsync(run.Job.VideoPath, 0, 6, fps, Path.Combine(copy.Root, "..", "first"));
            var again = await MediaProbe.ExtractFramesAsync(copy.VideoPath, 0, 6, fps, Path.Combine(copy.Root, "..", "again"));
            again.Count.ShouldBe(frames.Count);
            foreach (var (a, b) in frames.Zip(again))
            {
                using var first = ImageCompare.Load(a);
                using var second = ImageCompare.Load(b);
                foreach (var placement in run.Placements.Values)
                {
                    ImageCompare.MeanDifference(first, second, placement.Sprite)
                        .ShouldBeLessThan(0.5, $"{Path.GetFileName(a)} shows {placement.Art.PersonaId} the same, blinks included");
                }
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy.Root)!, recursive: true);
        }
    }

    [Fact]
    public async Task Every_phrase_has_its_mouth_timeline_beside_it()
    {
        foreach (var phrase in run.Phrases)
        {
            var mouth = await MouthTimeline.LoadAsync(phrase.MouthPath, CancellationToken.None);
            mouth.Source.ShouldBe(MouthTimeline.Loudness);
            mouth.Duration.ShouldBe(phrase.Info.DurationSeconds, 0.01);
            mouth.Cues.ShouldContain(c => c.Shape == MouthShape.Open);
        }
    }

    private static double LoudestMoment(string wav)
    {
        var samples = WavFile.ReadMono(wav);
        var rate = WavFile.Read(wav).Format.SampleRate;
        var window = rate / 15;
        var best = Enumerable.Range(0, samples.Length / window)
            .MaxBy(w => samples.AsSpan(w * window, window).ToArray().Sum(s => (double)s * s));
        return (best + 0.5) * window / rate;
    }

    /// <summary>The R, G and B values of <paramref name="region"/>, row by row.</summary>
    private static int[] Pixels(SKBitmap bitmap, SKRectI region)
    {
        var values = new int[region.Width * region.Height * 3];
        var i = 0;
        for (var y = region.Top; y < region.Bottom; y++)
        {
            for (var x = region.Left; x < region.Right; x++)
            {
                var p = bitmap.GetPixel(x, y);
                values[i++] = p.Red;
                values[i++] = p.Green;
                values[i++] = p.Blue;
            }
        }

        return values;
    }

    /// <summary>The first row of <paramref name="region"/> with a pixel clearly unlike the slide background.</summary>
    private static int TopOfCharacter(SKBitmap bitmap, SKRectI region)
    {
        var b = SlideTheme.Background;
        return ImageCompare.TopRow(bitmap, region, p => Math.Abs(p.Red - b.Red) + Math.Abs(p.Green - b.Green) + Math.Abs(p.Blue - b.Blue) > 90);
    }

    private static int LongestRun(IReadOnlyList<bool> values)
    {
        int longest = 0, current = 0;
        foreach (var v in values)
        {
            current = v ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    private static async Task<double> VideoStreamDurationAsync(string path)
    {
        var result = await Processes.ProcessRunner.RunCheckedAsync(new Processes.ProcessSpec("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=duration", "-of", "csv=p=0", path], TimeSpan.FromSeconds(30)),
            CancellationToken.None);
        return double.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
