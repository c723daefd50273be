using MovieGen.Pipeline.Processes;
using MovieGen.Pipeline.Video;
using SkiaSharp;

namespace MovieGen.Pipeline.Tests.Video;

public sealed class StillImageTests
{
    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    [InlineData(131, 7)] // rows that are not a multiple of the 128-pixel packet
    public async Task A_still_reads_back_in_ffmpeg_pixel_for_pixel(int width, int height)
    {
        var dir = MovieGen.Testing.Repo.NewTempDirectory("still");
        try
        {
            using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
            var canvas = surface.Canvas;

            // Flat areas (long runs), a gradient (no runs), single odd pixels and pairs.
            canvas.Clear(new SKColor(0xF7, 0xF9, 0xFC));
            using (var gradient = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, 0), [SKColors.Navy, SKColors.Orange], SKShaderTileMode.Clamp) })
            {
                canvas.DrawRect(0, 0, width, height / 3f, gradient);
            }

            using var pixel = new SKPaint { Color = SKColors.Red };
            for (var x = 1; x < width; x += 5)
            {
                canvas.DrawPoint(x, height - 1, pixel);
                canvas.DrawPoint(x + 1, height - 1, pixel);
            }

            var tga = Path.Combine(dir, "still" + StillImage.Extension);
            StillImage.Write(surface, tga);
            var png = Path.Combine(dir, "decoded.png");
            await ProcessRunner.RunCheckedAsync(new ProcessSpec("ffmpeg", ["-v", "error", "-y", "-i", tga, "-pix_fmt", "rgba", png], TimeSpan.FromSeconds(30)),
                CancellationToken.None);

            using var written = SKBitmap.FromImage(surface.Snapshot());
            using var decoded = ImageCompare.Load(png);
            ImageCompare.MeanDifference(decoded, written).ShouldBe(0);
            new FileInfo(tga).Length.ShouldBeLessThan(width * height * 4 / 2, "the flat parts are run-length encoded");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
