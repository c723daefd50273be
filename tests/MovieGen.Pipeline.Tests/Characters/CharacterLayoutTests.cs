using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Slides;
using MovieGen.Pipeline.Tests.Slides;
using MovieGen.Pipeline.Video;
using SkiaSharp;

namespace MovieGen.Pipeline.Tests.Characters;

public sealed class CharacterLayoutTests(FontFixture fonts) : IClassFixture<FontFixture>
{
    private static readonly string[] LongPoints =
    [
        "WALモードでは変更内容がまずWALファイルに追記され、読み込みは元のファイルと組み合わせて行われます",
        "書き込みと読み込みが互いを待たずに進められるので、読み込みの多いアプリケーションで特に効果的です",
        "定期的なチェックポイントで変更がデータベース本体に反映され、WALファイルは再利用されます",
        "ネットワークファイルシステム上では共有メモリが使えないため、WALモードは使えません",
        "設定はPRAGMA journal_mode=WAL の一文で切り替えられ、データベースファイルに記録されます",
    ];

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public void Characters_never_cover_slide_text_the_image_the_credit_or_the_subtitle_box(int width, int height)
    {
        var cast = new CharacterCast(new PipelineOptions { VideoResolution = $"{width}x{height}" });
        var geometry = cast.Geometry();
        var pack = cast.Pack!;
        using var image = SKImage.Create(new SKImageInfo(800, 450));
        using var surface = SKSurface.Create(new SKImageInfo(width, height));

        var slide = new SlideRenderer(fonts.Fonts, geometry).Draw(surface.Canvas,
            new SlideContent("SQLiteのWALモードを理解する：仕組みと使いどころ", LongPoints, 3, 5, image, "動画のタイトル", "立ち絵: テスト / 音声: VOICEVOX:ずんだもん"));
        var subtitle = new SubtitleRenderer(fonts.Fonts, geometry).Draw(surface.Canvas,
            new Subtitle("書き込みと読み込みを同時に行えるのがWALモードのいちばんの良さなのだ！本当にすごいのだ", "ずんだもん", SKColors.Green));

        List<SKRect> content = [slide.TitleBox, .. slide.Points.Select(p => p.Box), slide.ImageBox!.Value, slide.CreditBox!.Value,
            subtitle.Box, subtitle.NameTag];
        foreach (var order in new[] { pack.Characters.ToList(), pack.Characters.Reverse().ToList() })
        {
            var placements = CharacterLayout.Place(order, width, height);
            placements.Count(p => p.OnLeft).ShouldBe(1, "one character stands in each corner");
            placements.Count.ShouldBe(2);
            foreach (var placement in placements)
            {
                var footprint = placement.Footprint;
                foreach (var box in content)
                {
                    footprint.IntersectsWith(box).ShouldBeFalse($"{placement.Art.PersonaId} at {footprint} covers {box}");
                }

                footprint.Top.ShouldBeGreaterThan(geometry.Accent.Bottom, "below the slide header");
                placement.Sprite.Bottom.ShouldBe(height, "standing on the bottom edge");
                (placement.OnLeft ? footprint.Left < width * 0.15 : footprint.Right > width * 0.85).ShouldBeTrue("in its corner");
                footprint.Height.ShouldBeGreaterThan(height * 0.45f, "large enough to read the face");
            }
        }
    }

    [Fact]
    public void The_layout_scales_with_the_resolution()
    {
        var pack = CharacterPack.Load(null);

        var small = CharacterLayout.Place(pack.Characters, 1280, 720);
        var large = CharacterLayout.Place(pack.Characters, 1920, 1080);

        for (var i = 0; i < small.Count; i++)
        {
            large[i].Scale.ShouldBe(small[i].Scale * 1.5f, 0.001);
            large[i].Footprint.Left.ShouldBe(small[i].Footprint.Left * 1.5f, 2);
        }

        CharacterLayout.SideRoom(pack, 1920, 1080).ShouldBe(CharacterLayout.SideRoom(pack, 1280, 720) * 1.5f, 3);
    }

    [Fact]
    public void A_user_picture_too_large_for_its_corner_is_shrunk_to_fit()
    {
        var root = MovieGen.Testing.Repo.NewTempDirectory("bigpack");
        try
        {
            TestPacks.Write(root);
            var manifest = Path.Combine(root, "zundamon", "manifest.json");
            File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"scale\": 0.8", "\"scale\": 6", StringComparison.Ordinal));
            var art = CharacterPack.Load(root).Characters[0];

            var placement = CharacterLayout.Place([art], 1280, 720)[0];

            placement.Footprint.Right.ShouldBeLessThanOrEqualTo(1280 * 0.3f + 1);
            placement.Footprint.Top.ShouldBeGreaterThanOrEqualTo(130);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_speaker_is_drawn_brighter_and_higher_and_each_mouth_shape_looks_different()
    {
        var art = CharacterPack.Load(null).For("metan")!;
        var placement = CharacterLayout.Place([art], 1280, 720)[0];
        var dir = MovieGen.Testing.Repo.NewTempDirectory("sprites");
        try
        {
            using var sprites = new CharacterSprites(placement, dir);
            using var speaking = sprites.Draw(new SpriteState(MouthShape.Closed, false, CharacterSprites.LevelSteps));
            using var listening = sprites.Draw(new SpriteState(MouthShape.Closed, false, 0));
            using var open = sprites.Draw(new SpriteState(MouthShape.Open, false, CharacterSprites.LevelSteps));
            using var half = sprites.Draw(new SpriteState(MouthShape.Half, false, CharacterSprites.LevelSteps));
            using var blinking = sprites.Draw(new SpriteState(MouthShape.Closed, true, CharacterSprites.LevelSteps));

            Brightness(speaking).ShouldBeGreaterThan(Brightness(listening) * 1.25, "the listener is dimmed");
            ((double)(TopRow(listening) - TopRow(speaking))).ShouldBe(placement.Raise, 1.0, "the speaker stands higher");
            var mouth = Local(placement.MouthOnScreen(1), placement);
            var eyes = Local(placement.EyesOnScreen(1), placement);
            Video.ImageCompare.MeanDifference(open, speaking, mouth).ShouldBeGreaterThan(10);
            Video.ImageCompare.MeanDifference(open, half, mouth).ShouldBeGreaterThan(5);
            Video.ImageCompare.MeanDifference(open, speaking, eyes).ShouldBe(0, "the mouth changes nothing but the mouth");
            Video.ImageCompare.MeanDifference(blinking, speaking, eyes).ShouldBeGreaterThan(10);
            Video.ImageCompare.MeanDifference(blinking, speaking, mouth).ShouldBe(0);
            File.Exists(sprites.PathOf(new SpriteState(MouthShape.Open, false, 3))).ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public void A_face_laid_over_the_resting_body_is_the_whole_character_in_that_state(int width, int height)
    {
        var dir = MovieGen.Testing.Repo.NewTempDirectory("faces");
        try
        {
            var pack = CharacterPack.Load(null);
            foreach (var placement in CharacterLayout.Place([pack.For("metan")!, pack.For("zundamon")!], width, height))
            {
                using var sprites = new CharacterSprites(placement, dir);
                var face = sprites.Face;
                var sprite = placement.Sprite;

                (face.Left % 2, face.Top % 2, face.Right % 2, face.Bottom % 2).ShouldBe((0, 0, 0, 0), "a yuv420 overlay sits on even pixels");
                foreach (var level in new[] { 0f, 1f })
                {
                    face.Contains(Video.ImageCompare.Round(placement.MouthOnScreen(level))).ShouldBeTrue($"{placement.Art.PersonaId}'s mouth at level {level}");
                    face.Contains(Video.ImageCompare.Round(placement.EyesOnScreen(level))).ShouldBeTrue($"{placement.Art.PersonaId}'s eyes at level {level}");
                }

                ((double)face.Width * face.Height).ShouldBeLessThan(sprite.Width * sprite.Height / 5.0, "the overlay is a small part of the figure");
                var local = new SKRectI(face.Left - sprite.Left, face.Top - sprite.Top, face.Right - sprite.Left, face.Bottom - sprite.Top);
                foreach (var state in new[]
                {
                    new SpriteState(MouthShape.Open, false, CharacterSprites.LevelSteps),
                    new SpriteState(MouthShape.Half, true, 1),
                    new SpriteState(MouthShape.Closed, true, 0),
                })
                {
                    using var whole = sprites.Draw(state);
                    using var composed = sprites.Body(state.Level).Copy();
                    using (var canvas = new SKCanvas(composed))
                    using (var faceBitmap = SKBitmap.Decode(sprites.PathOf(state)))
                    {
                        canvas.DrawBitmap(faceBitmap, local.Left, local.Top, new SKSamplingOptions(SKFilterMode.Nearest), null);
                    }

                    Video.ImageCompare.MeanDifference(composed, whole).ShouldBeLessThan(0.1, $"{placement.Art.PersonaId} {state}: the whole sprite");
                    Video.ImageCompare.MeanDifference(composed, whole, local).ShouldBeLessThan(0.5, $"{placement.Art.PersonaId} {state}: its face");
                    Video.ImageCompare.MeanDifference(sprites.Body(state.Level), whole, local).ShouldBeGreaterThan(3, "the face is not the resting one");
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static SKRectI Local(SKRect screen, CharacterPlacement placement)
    {
        var r = Video.ImageCompare.Round(screen);
        return new SKRectI(r.Left - placement.Sprite.Left, r.Top - placement.Sprite.Top, r.Right - placement.Sprite.Left, r.Bottom - placement.Sprite.Top);
    }

    /// <summary>Mean of R+G+B over the opaque pixels.</summary>
    private static double Brightness(SKBitmap bitmap)
    {
        double sum = 0;
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (p.Alpha == 255)
                {
                    sum += p.Red + p.Green + p.Blue;
                    count++;
                }
            }
        }

        return sum / count;
    }

    private static int TopRow(SKBitmap bitmap) =>
        Video.ImageCompare.TopRow(bitmap, new SKRectI(0, 0, bitmap.Width, bitmap.Height), p => p.Alpha > 128);
}
