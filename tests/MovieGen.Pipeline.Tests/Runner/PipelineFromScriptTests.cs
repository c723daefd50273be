using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Slides;
using MovieGen.Pipeline.Tests.Video;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Runner;

public sealed class PipelineFromScriptTests(ScriptedRunFixture run) : IClassFixture<ScriptedRunFixture>
{
    private JobDirectory Job => new(run.JobDirectory);

    [Fact]
    public async Task The_video_is_h264_yuv420p_with_aac_at_the_configured_resolution_and_the_timeline_length()
    {
        var info = await MediaProbe.ProbeAsync(Job.VideoPath);

        info.VideoCodec.ShouldBe("h264");
        info.AudioCodec.ShouldBe("aac");
        info.PixelFormat.ShouldBe("yuv420p");
        (info.Width, info.Height).ShouldBe((1280, 720));
        info.Duration.ShouldBe(run.Timeline.Total, 0.2);
        run.Result.VideoDurationSeconds.ShouldBe(run.Timeline.Total, 0.2);
    }

    [Fact]
    public void With_characters_off_slides_keep_the_full_width_of_the_plain_slideshow()
    {
        var cast = new MovieGen.Pipeline.Characters.CharacterCast(new PipelineOptions { Characters = "off" });

        cast.Pack.ShouldBeNull();
        cast.Geometry().ShouldBe(new SlideGeometry(1280, 720));
        cast.For(run.Script).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_visual_changes_are_encoded_not_thirty_frames_a_second()
    {
        var info = await MediaProbe.ProbeAsync(Job.VideoPath);

        // 6 phrases and their pauses: ~16 stills; 30 fps would be hundreds of frames.
        info.VideoFrames.ShouldBeLessThan(30);
        info.VideoFrames.ShouldBeGreaterThanOrEqualTo(run.Timeline.Phrases.Count);
    }

    [Fact]
    public async Task The_subtitle_is_on_screen_while_a_phrase_is_spoken_and_gone_in_the_pauses()
    {
        var geometry = new SlideGeometry(1280, 720);
        var subtitleArea = ImageCompare.Round(geometry.SubtitleArea);
        var dir = Repo.NewTempDirectory("frames");
        try
        {
            foreach (var phrase in run.Timeline.Phrases.Where(p => p.Section == 1))
            {
                using var frame = ImageCompare.Load(await MediaProbe.ExtractFrameAsync(Job.VideoPath, phrase.Middle, Path.Combine(dir, $"p{phrase.Index}.png")));
                using var slide = ImageCompare.Load(Job.SlidePath(phrase.Section));
                ImageCompare.MeanDifference(frame, slide, subtitleArea).ShouldBeGreaterThan(25, $"phrase {phrase.Index} shows its subtitle");
            }

            var section = run.Timeline.Sections[1];
            var firstPhrase = run.Timeline.Phrases.First(p => p.Section == 1);
            var gap = (section.Start + firstPhrase.Start) / 2;
            using var pause = ImageCompare.Load(await MediaProbe.ExtractFrameAsync(Job.VideoPath, gap, Path.Combine(dir, "gap.png")));
            using var bare = ImageCompare.Load(Job.SlidePath(1));
            ImageCompare.MeanDifference(pause, bare).ShouldBeLessThan(3, "the pause before a section shows its bare slide");
            ImageCompare.MeanDifference(pause, bare, subtitleArea).ShouldBeLessThan(3);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Artefacts_are_laid_out_as_designed_and_no_temporary_files_remain()
    {
        File.Exists(Job.ScriptPath).ShouldBeTrue();
        Directory.GetFiles(Job.AudioDirectory).Select(Path.GetFileName).Order()
            .ShouldBe(Enumerable.Range(0, 6).SelectMany(i => new[] { $"phrase_{i:D4}.mouth.json", $"phrase_{i:D4}.wav" }), StringComparer.Ordinal);
        Directory.GetFiles(Job.SlidesDirectory).Select(Path.GetFileName).Order()
            .ShouldBe(["slide_0000.png", "slide_0001.png", "slide_0002.png"]);
        Directory.Exists(Job.WorkDirectory).ShouldBeFalse();
        Directory.GetFiles(Job.Root, ".*", SearchOption.AllDirectories).ShouldBeEmpty();
        run.Result.VideoPath.ShouldBe("output.mp4");
        run.Result.VideoSize.ShouldBe(new FileInfo(Job.VideoPath).Length);
        run.Result.StepsRun.ShouldBe([PipelineStep.Script, PipelineStep.Audio, PipelineStep.Slides, PipelineStep.Video]);
    }

    [Fact]
    public void Overall_progress_never_decreases_and_ends_at_100_with_counts_people_can_read()
    {
        run.Progress.Select(p => p.Percent).ShouldBeInOrder(SortDirection.Ascending);
        run.Progress[^1].Percent.ShouldBe(100);
        run.Progress.ShouldContain(p => p.Step == PipelineStep.Audio && p.Describe(Lang.Ja) == "音声を生成中 (3/6)");
        run.Progress.ShouldContain(p => p.Step == PipelineStep.Slides && p.Describe(Lang.En) == "Drawing slides (3/3)");
        run.Progress.Where(p => p.Step == PipelineStep.Audio).ShouldAllBe(p => p.Percent >= 15 && p.Percent <= 55);
        run.Progress.Where(p => p.Step == PipelineStep.Video).ShouldAllBe(p => p.Percent >= 65);
    }

    [Fact]
    public async Task Readings_are_filled_in_when_the_script_file_has_none()
    {
        var saved = await ScriptYaml.LoadAsync(Job.ScriptPath);

        saved.Sections.SelectMany(s => s.Narrations).ShouldAllBe(n => n.Reading.Length > 0);
        saved.Sections.Select(s => s.Title).ShouldBe(run.Script.Sections.Select(s => s.Title));
    }

    [Fact]
    public async Task Rerun_after_deleting_only_the_video_runs_only_the_video_stage()
    {
        var copy = Repo.NewTempDirectory("resume");
        try
        {
            CopyDirectory(run.JobDirectory, copy);
            var job = new JobDirectory(copy);
            File.Delete(job.VideoPath);
            var before = Directory.GetFiles(copy, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
            var steps = new List<PipelineStep>();

            using var host = new PipelineHost(("CHARACTERS", "off"));
            var result = await host.Runner.RunAsync(PipelineInput.FromScript(Path.Combine(run.Root, "input.yaml")), copy,
                new SyncProgress<PipelineProgress>(p => steps.Add(p.Step)), CancellationToken.None);

            result.StepsRun.ShouldBe([PipelineStep.Video]);
            foreach (var (file, written) in before)
            {
                File.GetLastWriteTimeUtc(file).ShouldBe(written, $"{Path.GetFileName(file)} was not rewritten");
            }

            File.Exists(job.VideoPath).ShouldBeTrue();
            steps.ShouldContain(PipelineStep.Video);
            (await MediaProbe.ProbeAsync(job.VideoPath)).Duration.ShouldBe(run.Timeline.Total, 0.2);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task A_kanji_heavy_line_is_spoken_from_the_reading_the_pipeline_made_not_as_chinese_letters()
    {
        // The script has no reading: the pipeline fills it from MeCab before synthesis.
        const string text = "東京都庁舎の建設計画と財政負担に関する議論。";
        const string writtenInKana = "とうきょうとちょうしゃのけんせつけいかくとざいせいふたんにかんするぎろん。";
        var dir = Repo.NewTempDirectory("kanji");
        try
        {
            var script = new VideoScript { Title = "漢字", Sections = [new ScriptSection { Title = "漢字", Narrations = [new Narration { Text = text, PersonaId = "metan" }] }] };
            var input = Path.Combine(dir, "in.yaml");
            await ScriptYaml.SaveAsync(script, input);
            using var host = new PipelineHost();
            await host.Runner.RunAsync(PipelineInput.FromScript(input), Path.Combine(dir, "job"), null, CancellationToken.None);
            var job = new JobDirectory(Path.Combine(dir, "job"));
            var reading = (await ScriptYaml.LoadAsync(job.ScriptPath)).Sections[0].Narrations[0].Reading;

            var kanaPath = Path.Combine(dir, "kana.wav");
            await new EspeakSynthesizer(new PipelineOptions()).SynthesizeAsync(
                new SpeechLine(writtenInKana, "", Personas.Metan, "ja"), kanaPath, CancellationToken.None);

            reading.ShouldNotContain("東");
            WavFile.Read(job.PhrasePath(0)).DurationSeconds.ShouldBeLessThanOrEqualTo(WavFile.Read(kanaPath).DurationSeconds * 1.5);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    internal static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = file.Replace(from, to, StringComparison.Ordinal);
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }
    }
}
