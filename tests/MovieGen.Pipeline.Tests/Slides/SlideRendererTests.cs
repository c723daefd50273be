using Microsoft.Extensions.Logging.Abstractions;
using MovieGen.Net;
using MovieGen.Pipeline.Slides;
using MovieGen.Pipeline.Tests.Video;
using MovieGen.Testing;
using SkiaSharp;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MovieGen.Pipeline.Tests.Slides;

public sealed class SlideRendererTests : IClassFixture<FontFixture>, IDisposable
{
    private readonly SlideFonts fonts;
    private readonly string dir = Repo.NewTempDirectory("slides");
    private readonly SlideRenderer renderer;

    public SlideRendererTests(FontFixture fixture)
    {
        fonts = fixture.Fonts;
        renderer = new SlideRenderer(fonts, new SlideGeometry(1280, 720));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void The_japanese_face_of_the_noto_cjk_collection_is_used()
    {
        fonts.Regular.FamilyName.ShouldBe("Noto Sans CJK JP");
        fonts.Bold.FamilyName.ShouldBe("Noto Sans CJK JP");
        fonts.Bold.FontStyle.Weight.ShouldBeGreaterThan(fonts.Regular.FontStyle.Weight);
    }

    [Fact]
    public async Task Font_path_setting_picks_the_jp_face_out_of_a_collection()
    {
        using var configured = await SlideFonts.LoadAsync(
            new PipelineOptions { FontPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" }, CancellationToken.None);

        configured.Regular.FamilyName.ShouldBe("Noto Sans CJK JP");
        configured.BoldPath.ShouldEndWith("NotoSansCJK-Bold.ttc");
    }

    [Fact]
    public void Japanese_titles_render_as_real_glyphs_not_tofu()
    {
        using var font = new SKFont(fonts.Bold, 40);
        font.GetGlyphs("日本語の解説動画").ShouldAllBe(g => g != 0, "every character has a glyph in the face");

        var (first, firstLayout) = Render(new SlideContent("日本語の解説", [], 1, 2));
        var (second, _) = Render(new SlideContent("漢字表示の確認", [], 1, 2));
        using var a = first;
        using var b = second;
        var title = ImageCompare.Round(firstLayout.TitleBox);

        ImageCompare.InkFraction(a, title, SlideTheme.Header).ShouldBeGreaterThan(0.08, "the title region is not blank");
        ImageCompare.MeanDifference(a, b, title).ShouldBeGreaterThan(10, "different characters draw differently (tofu boxes would all look alike)");
    }

    [Fact]
    public void Very_long_title_and_points_shrink_and_wrap_inside_their_areas()
    {
        var geometry = renderer.Geometry;
        var content = new SlideContent(
            string.Concat(Enumerable.Repeat("とても長いセクションのタイトルが延々と続く場合", 4)),
            [
                string.Concat(Enumerable.Repeat("要点の説明がとても長くなってしまった場合でも", 3)),
                "A long English key point that must wrap at spaces and stay inside the body of the slide without overflowing",
                string.Concat(Enumerable.Repeat("三つ目の要点も長い", 6)),
                "四つ目",
                "五つ目の要点",
            ],
            3, 9);

        var (bitmap, layout) = Render(content);
        bitmap.Dispose();

        layout.Title.FontSize.ShouldBeLessThan(46 * geometry.Scale);
        layout.Title.Lines.Count.ShouldBeLessThanOrEqualTo(2);
        layout.TitleBox.Top.ShouldBeGreaterThanOrEqualTo(geometry.Header.Top);
        layout.TitleBox.Bottom.ShouldBeLessThanOrEqualTo(geometry.Header.Bottom);
        layout.TitleBox.Right.ShouldBeLessThan(geometry.Width - geometry.Margin);

        layout.Points.Count.ShouldBe(5);
        foreach (var point in layout.Points)
        {
            point.Box.Left.ShouldBeGreaterThanOrEqualTo(layout.Body.Left);
            point.Box.Right.ShouldBeLessThanOrEqualTo(layout.Body.Right + 0.5f);
            point.Box.Top.ShouldBeGreaterThanOrEqualTo(layout.Body.Top);
            point.Box.Bottom.ShouldBeLessThanOrEqualTo(layout.Body.Bottom + 0.5f);
        }

        layout.Points[0].Text.FontSize.ShouldBeLessThan(34 * geometry.Scale, "points shrink together to fit");
        layout.Points.Select(p => p.Text.FontSize).Distinct().Count().ShouldBe(1, "one size for all points");
        layout.Body.Bottom.ShouldBeLessThanOrEqualTo(geometry.SubtitleArea.Top, "the subtitle band stays free");
    }

    [Fact]
    public async Task A_usable_article_image_is_placed_fitted_with_its_aspect_ratio()
    {
        using var server = ImageServer();
        var image = await LoaderFor(allowPrivate: true).LoadAsync($"{server.Url}/photo.png", CancellationToken.None);
        image.ShouldNotBeNull();

        var (bitmap, layout) = Render(new SlideContent("画像つきのスライド", ["要点その一", "要点その二", "要点その三"], 1, 1, image));

        using (bitmap)
        {
            var box = layout.ImageBox.ShouldNotBeNull();
            (box.Width / box.Height).ShouldBe(400f / 300f, 0.01f);
            box.Left.ShouldBeGreaterThanOrEqualTo(layout.Body.Left);
            box.Right.ShouldBeLessThanOrEqualTo(layout.Body.Right);
            box.Bottom.ShouldBeLessThanOrEqualTo(layout.Body.Bottom);
            bitmap.GetPixel((int)box.MidX, (int)box.MidY).ShouldBe(SKColors.Magenta);
            layout.Points.ShouldAllBe(p => p.Box.Right < box.Left, "points and image do not overlap");
        }
    }

    [Theory]
    [InlineData("/missing.png", true)]
    [InlineData("/not-an-image.png", true)]
    [InlineData("/photo.png", false)]
    public async Task An_image_that_cannot_be_used_is_skipped_without_failing(string path, bool allowPrivate)
    {
        using var server = ImageServer();

        var image = await LoaderFor(allowPrivate).LoadAsync($"{server.Url}{path}", CancellationToken.None);

        image.ShouldBeNull();
    }

    [Fact]
    public async Task Slide_stage_draws_one_16_9_png_per_section_at_the_configured_resolution_and_keeps_existing_ones()
    {
        var options = new PipelineOptions { VideoResolution = "1920x1080" };
        using var fontProvider = new FontProvider(options);
        var stage = new SlideStage(fontProvider, LoaderFor(false), new MovieGen.Pipeline.Characters.CharacterCast(options), NullLogger<SlideStage>.Instance);
        var job = new JobDirectory(dir);
        var script = Runner.TestScripts.Japanese(sections: 3);
        Directory.CreateDirectory(job.SlidesDirectory);
        await File.WriteAllBytesAsync(job.SlidePath(1), [1, 2, 3]);
        var events = new List<StepProgress>();

        await stage.RunAsync(job, script, new Runner.SyncProgress<StepProgress>(events.Add), CancellationToken.None);

        foreach (var i in new[] { 0, 2 })
        {
            using var slide = ImageCompare.Load(job.SlidePath(i));
            slide.Width.ShouldBe(1920);
            slide.Height.ShouldBe(1080);
        }

        (await File.ReadAllBytesAsync(job.SlidePath(1))).ShouldBe([1, 2, 3], "an existing slide is not drawn again");
        Directory.GetFiles(job.SlidesDirectory).Select(Path.GetFileName).Order().ShouldBe(["slide_0000.png", "slide_0001.png", "slide_0002.png"]);
        events[^1].ShouldBe(new StepProgress(PipelineStep.Slides, 3, 3));
    }

    [Fact]
    public void Key_points_come_from_the_narration_when_the_script_has_none()
    {
        var section = new MovieGen.Pipeline.Script.ScriptSection
        {
            Title = "t",
            Narrations =
            [
                new() { Text = "WALモードって何なのだ？", PersonaId = "zundamon" },
                new() { Text = "書き込みを別のファイルに追記していく方式です。読み込みは止まりません。", PersonaId = "metan" },
                new() { Text = "なるほど！", PersonaId = "zundamon" },
            ],
        };

        KeyPoints.For(section).ShouldBe(["書き込みを別のファイルに追記していく方式です", "読み込みは止まりません"]);
    }

    private (SKBitmap Bitmap, SlideLayout Layout) Render(SlideContent content)
    {
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.png");
        var layout = renderer.RenderPng(content, path);
        return (ImageCompare.Load(path), layout);
    }

    private static SlideImageLoader LoaderFor(bool allowPrivate) =>
        new(new HttpClient(SafeHttp.CreateHandler(allowPrivate)), NullLogger<SlideImageLoader>.Instance);

    private static WireMockServer ImageServer()
    {
        using var bitmap = new SKBitmap(400, 300);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Magenta);
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort.Next()}"] });
        server.Given(Request.Create().WithPath("/photo.png").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "image/png").WithBody(png.ToArray()));
        server.Given(Request.Create().WithPath("/not-an-image.png").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "image/png").WithBody("<html>nope</html>"));
        return server;
    }
}
