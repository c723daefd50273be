using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Processes;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Tests.Characters;
using MovieGen.Pipeline.Tests.Runner;
using MovieGen.Testing;
using SkiaSharp;

namespace MovieGen.Pipeline.Tests.Video;

/// <summary>Short pipeline runs with the character and music settings an operator may give.</summary>
public sealed class CharacterOptionsRunTests : IDisposable
{
    private readonly string root = Repo.NewTempDirectory("charopts");

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task A_user_pack_from_character_dir_is_what_the_video_shows()
    {
        // The user's pack has a character for zundamon only; metan's lines then have nobody raised.
        var pack = TestPacks.Write(Path.Combine(root, "pack"));
        var (job, script) = await RunAsync(("CHARACTER_DIR", pack));
        var phrases = AudioStage.ReadPhrases(job, script);
        var timeline = AudioStage.BuildTimeline(script, phrases);
        var placement = CharacterLayout.Place([CharacterPack.Load(pack).Characters[0]], 1280, 720)[0];
        var line = timeline.Phrases.First(p => p.PersonaId == "zundamon");
        var mouths = await MouthTimeline.LoadAsync(job.MouthPath(line.Index), CancellationToken.None);
        var (openCue, nextCue) = mouths.Cues.Zip(mouths.Cues.Skip(1)).First(p => p.First.Shape == MouthShape.Open && p.Second.Start - p.First.Start > 0.13);
        var open = line.Start + ((openCue.Start + nextCue.Start) / 2);

        using var frame = ImageCompare.Load(await MediaProbe.ExtractFrameAsync(job.VideoPath, open, Path.Combine(root, "f.png")));
        using var slide = ImageCompare.Load(job.SlidePath(0));

        var body = placement.OnScreen(new SKRect(30, 260, 170, 380), 1);
        Near(frame.GetPixel((int)body.MidX, (int)body.MidY), TestPacks.BodyColor).ShouldBeTrue("the user's character stands in its corner");
        var mouth = placement.MouthOnScreen(1);
        Near(frame.GetPixel((int)mouth.MidX, (int)mouth.MidY + 4), TestPacks.OpenMouth).ShouldBeTrue("with its own open mouth");
        var emptyCorner = ImageCompare.Round(new SKRect(1280 - 200, 300, 1280, 720));
        ImageCompare.MeanDifference(frame, slide, emptyCorner).ShouldBeLessThan(3, "no character is drawn for a persona the pack lacks");
        new CharacterCast(new PipelineOptions { CharacterDirectory = pack }).CreditLine(script).ShouldContain("テスト作者");
    }

    [Fact]
    public async Task Background_music_loops_quietly_under_the_voices_and_fades()
    {
        var music = Path.Combine(root, "music.wav");
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("ffmpeg",
            ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=2:sample_rate=22050", "-af", "volume=0.5", music],
            TimeSpan.FromSeconds(30)), CancellationToken.None);
        var (job, script) = await RunAsync(("BGM_PATH", music), ("CHARACTERS", "off"));
        var timeline = AudioStage.BuildTimeline(script, AudioStage.ReadPhrases(job, script));
        var heard = Path.Combine(root, "heard.wav");
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("ffmpeg",
            ["-v", "error", "-y", "-i", job.VideoPath, "-ac", "1", "-ar", "22050", "-c:a", "pcm_s16le", heard], TimeSpan.FromSeconds(30)),
            CancellationToken.None);
        var samples = WavFile.ReadMono(heard);

        var (first, second) = (timeline.Phrases[0], timeline.Phrases[1]);
        var pause = Rms(samples, first.End + 0.1, second.Start - 0.1);
        var voice = Rms(samples, first.Start, first.End);
        var end = Rms(samples, timeline.Total - 0.9, timeline.Total - 0.6);

        pause.ShouldBeGreaterThan(0.004, "music plays in the pause between lines");
        pause.ShouldBeLessThan(voice * 0.3, "quietly, under the voices");
        end.ShouldBeGreaterThan(0.001, "the 2 s file loops to the end of the video");
        end.ShouldBeLessThan(pause, "and fades out");
        Rms(samples, timeline.Total - 0.05, timeline.Total).ShouldBeLessThan(0.002, "down to silence");
    }

    private async Task<(JobDirectory Job, VideoScript Script)> RunAsync(params (string, string)[] settings)
    {
        var input = Path.Combine(root, "in.yaml");
        await ScriptYaml.SaveAsync(TestScripts.Japanese(sections: 1, linesPerSection: 2), input);
        using var host = new PipelineHost(settings);
        var job = new JobDirectory(Path.Combine(root, "job"));
        await host.Runner.RunAsync(PipelineInput.FromScript(input), job.Root, null, CancellationToken.None);
        return (job, await ScriptYaml.LoadAsync(job.ScriptPath));
    }

    private static bool Near(SKColor a, SKColor b) =>
        Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) < 45;

    private static double Rms(float[] samples, double from, double to)
    {
        var a = (int)(from * 22050);
        var b = Math.Min(samples.Length, (int)(to * 22050));
        return Math.Sqrt(samples[a..b].Sum(s => (double)s * s) / (b - a));
    }
}
