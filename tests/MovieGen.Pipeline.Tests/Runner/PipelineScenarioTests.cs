using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Tests.Audio;
using MovieGen.Pipeline.Tests.Video;
using MovieGen.Testing;
using SkiaSharp;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MovieGen.Pipeline.Tests.Runner;

public sealed class PipelineScenarioTests : IDisposable
{
    internal const string ArticleHtml = """
        <!DOCTYPE html>
        <html lang="ja"><head><meta charset="utf-8"><title>SQLiteのWALモードを理解する</title>
        <meta name="description" content="SQLiteのWALモードの仕組みと使いどころ"></head>
        <body><header><nav>ホーム | ブログ</nav></header>
        <article>
        <h1>SQLiteのWALモードを理解する</h1>
        <p>SQLiteは組み込み用途で広く使われているデータベースです。標準のロールバックジャーナルでは、書き込み中に読み込みが待たされることがあります。</p>
        <h2>WALモードの仕組み</h2>
        <img src="/img/wal.png" alt="WALファイルに変更が追記される図">
        <p>WALモードでは、変更はまずWALファイルに追記されます。読み込みは元のデータベースとWALファイルを組み合わせて行われます。</p>
        <p>そのため、書き込みと読み込みが互いを待たずに進められます。定期的なチェックポイントで変更が本体に反映されます。</p>
        <h2>使いどころと注意点</h2>
        <p>読み込みが多いアプリケーションではWALモードが特に効果を発揮します。一方で、ネットワークファイルシステム上では使えません。</p>
        <p>設定はPRAGMA文ひとつで切り替えられるので、まずは試してみるのがおすすめです。</p>
        </article><footer>著作権表示</footer></body></html>
        """;

    private readonly string root = Repo.NewTempDirectory("scenario");

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task An_article_url_becomes_an_mp4_through_every_stage()
    {
        using var site = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort.Next()}"] });
        site.Given(Request.Create().WithPath("/posts/wal").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/html; charset=utf-8").WithBody(ArticleHtml));
        site.Given(Request.Create().WithPath("/img/wal.png").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "image/png").WithBody(Png(SKColors.Magenta, 640, 360)));
        using var host = new PipelineHost(("ALLOW_PRIVATE_URLS", "true"));
        var job = new JobDirectory(Path.Combine(root, "job"));

        var result = await host.Runner.RunAsync(PipelineInput.FromUrl(new Uri($"{site.Url}/posts/wal")), job.Root, null, CancellationToken.None);

        result.StepsRun.ShouldBe([PipelineStep.Fetch, PipelineStep.Script, PipelineStep.Audio, PipelineStep.Slides, PipelineStep.Video]);
        File.Exists(job.ArticlePath).ShouldBeTrue();
        var script = await ScriptYaml.LoadAsync(job.ScriptPath);
        script.Sections.Count.ShouldBeGreaterThanOrEqualTo(3);
        var info = await MediaProbe.ProbeAsync(job.VideoPath);
        (info.VideoCodec, info.AudioCodec, info.Width, info.Height, info.PixelFormat).ShouldBe(("h264", "aac", 1280, 720, "yuv420p"));
        info.Duration.ShouldBe(AudioStage.BuildTimeline(script, AudioStage.ReadPhrases(job, script)).Total, 0.2);
        site.LogEntries.ShouldContain(e => e.RequestMessage.Path == "/img/wal.png", "the article image was fetched for its slide");
    }

    [Fact]
    public async Task A_script_too_long_for_the_cap_becomes_a_video_within_it_that_ends_with_the_summary()
    {
        var script = TestScripts.Japanese(sections: 6, linesPerSection: 3);
        script.Sections[^1].Narrations =
        [
            new Narration { Text = "まとめると、WALは読み書きを両立します。", PersonaId = "metan" },
            new Narration { Text = "よく分かったのだ！", PersonaId = "zundamon" },
        ];
        var input = Path.Combine(root, "long.yaml");
        await ScriptYaml.SaveAsync(script, input);
        using var host = new PipelineHost(("MAX_VIDEO_DURATION_MINUTES", "0.5"), ("CHARACTERS", "off"));
        var job = new JobDirectory(Path.Combine(root, "job"));

        var result = await host.Runner.RunAsync(PipelineInput.FromScript(input), job.Root, null, CancellationToken.None);

        var info = await MediaProbe.ProbeAsync(job.VideoPath);
        info.Duration.ShouldBeLessThanOrEqualTo(30.1);
        result.VideoDurationSeconds.ShouldBeLessThanOrEqualTo(30.1);
        var capped = await ScriptYaml.LoadAsync(job.ScriptPath);
        capped.Sections.Count.ShouldBeLessThan(6, "body sections were dropped");
        capped.Sections[0].Title.ShouldBe("はじめに");
        capped.Sections[^1].Title.ShouldBe("まとめ");
        Directory.GetFiles(job.SlidesDirectory).Length.ShouldBe(capped.Sections.Count);

        var lines = capped.Sections.SelectMany(s => s.Narrations).ToList();
        Directory.GetFiles(job.AudioDirectory, "*.wav").Length.ShouldBe(lines.Count);
        Directory.GetFiles(job.AudioDirectory, "*.mouth.json").Length.ShouldBe(lines.Count);
        var espeak = new EspeakSynthesizer(new PipelineOptions());
        for (var i = lines.Count - 2; i < lines.Count; i++)
        {
            var fresh = Path.Combine(root, $"fresh{i}.wav");
            await espeak.SynthesizeAsync(SpeechLine.From(lines[i]), fresh, CancellationToken.None);
            WavFile.ReadPcm16Mono(job.PhrasePath(i)).ShouldBe(WavFile.ReadPcm16Mono(fresh), $"phrase {i} speaks the summary line it is numbered for");
        }

        using var last = ImageCompare.Load(await MediaProbe.ExtractFrameAsync(job.VideoPath, info.Duration - 0.3, Path.Combine(root, "last.png")));
        using var summarySlide = ImageCompare.Load(job.SlidePath(capped.Sections.Count - 1));
        ImageCompare.MeanDifference(last, summarySlide).ShouldBeLessThan(3, "the video ends on the summary slide");
    }

    [Fact]
    public async Task With_voicevox_url_set_the_engine_voices_every_line_and_the_video_is_made_from_its_audio()
    {
        using var engine = await FakeVoicevox.StartAsync();
        var input = Path.Combine(root, "in.yaml");
        var script = TestScripts.Japanese(sections: 2, linesPerSection: 2);
        await ScriptYaml.SaveAsync(script, input);
        using var host = new PipelineHost(("VOICEVOX_URL", engine.Url), ("VOICEVOX_SPEED", "1.1"));
        var job = new JobDirectory(Path.Combine(root, "job"));

        var result = await host.Runner.RunAsync(PipelineInput.FromScript(input), job.Root, null, CancellationToken.None);

        var speakers = engine.Requests("/synthesis").Select(e => e.RequestMessage.Query!["speaker"].ToString()).Order().ToList();
        speakers.ShouldBe(script.Sections.SelectMany(s => s.Narrations)
            .Select(n => Personas.Get(n.PersonaId).VoicevoxSpeaker.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order());
        engine.Requests("/synthesis").ShouldAllBe(e => e.RequestMessage.Body!.Contains("\"speedScale\":1.1"));
        (await File.ReadAllBytesAsync(job.PhrasePath(0))).ShouldBe(engine.Wav);
        var mouth = await MouthTimeline.LoadAsync(job.MouthPath(0), CancellationToken.None);
        mouth.Source.ShouldBe(MouthTimeline.Voicevox, "the mouth follows the engine's moras");
        mouth.Duration.ShouldBe(WavFile.Read(job.PhrasePath(0)).DurationSeconds, 0.01, "spread over the audio the engine really spoke");
        result.VideoDurationSeconds.ShouldBe(AudioStage.BuildTimeline(script, AudioStage.ReadPhrases(job, script)).Total, 0.2);
    }

    [Fact]
    public async Task An_invalid_script_fails_at_the_script_step_with_the_problems_listed()
    {
        var input = Path.Combine(root, "bad.yaml");
        await File.WriteAllTextAsync(input, "title: ''\nsections:\n  - title: ''\n    narrations: []\n");
        using var host = new PipelineHost();

        var error = await Should.ThrowAsync<PipelineException>(() =>
            host.Runner.RunAsync(PipelineInput.FromScript(input), Path.Combine(root, "job"), null, CancellationToken.None));

        error.Step.ShouldBe(PipelineStep.Script);
        error.IsTransient.ShouldBeFalse();
        error.Message.ShouldContain("title");
        error.Message.ShouldContain("sections[0]");
    }

    [Fact]
    public async Task A_missing_tool_fails_the_step_with_a_short_message_and_keeps_the_cause()
    {
        var input = Path.Combine(root, "in.yaml");
        await ScriptYaml.SaveAsync(TestScripts.Japanese(sections: 1, linesPerSection: 1), input);
        using var host = new PipelineHost(("ESPEAK_PATH", "/nonexistent/espeak-ng"));

        var error = await Should.ThrowAsync<PipelineException>(() =>
            host.Runner.RunAsync(PipelineInput.FromScript(input), Path.Combine(root, "job"), null, CancellationToken.None));

        error.Step.ShouldBe(PipelineStep.Audio);
        error.Message.ShouldStartWith("音声の生成に失敗しました");
        error.Message.ShouldNotContain("/nonexistent", customMessage: "no server paths in user-facing text");
        error.InnerException.ShouldNotBeNull();
    }

    private static byte[] Png(SKColor color, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
