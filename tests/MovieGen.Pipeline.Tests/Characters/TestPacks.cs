using SkiaSharp;

namespace MovieGen.Pipeline.Tests.Characters;

/// <summary>Character packs as a user would drop them in: PNG layers on one canvas plus a manifest.
/// The base is a solid block of <see cref="BodyColor"/>, the mouth a bar whose colour tells its
/// shape, the eyes two dots or two lines.</summary>
public static class TestPacks
{
    public static readonly SKColor BodyColor = new(30, 90, 220);
    public static readonly SKColor OpenMouth = new(230, 30, 30);

    public const int CanvasWidth = 200;
    public const int CanvasHeight = 400;

    public static string Write(string root, string persona = "zundamon", string side = "left", SKSizeI? mouthCanvas = null)
    {
        var dir = Path.Combine(root, persona);
        Directory.CreateDirectory(dir);
        Png(Path.Combine(dir, "base.png"), c => Fill(c, new SKRect(20, 40, 180, 400), BodyColor));
        Png(Path.Combine(dir, "eyes_open.png"), c =>
        {
            Fill(c, new SKRect(60, 120, 80, 150), SKColors.White);
            Fill(c, new SKRect(120, 120, 140, 150), SKColors.White);
        });
        Png(Path.Combine(dir, "eyes_closed.png"), c =>
        {
            Fill(c, new SKRect(60, 140, 80, 146), SKColors.Black);
            Fill(c, new SKRect(120, 140, 140, 146), SKColors.Black);
        });
        Png(Path.Combine(dir, "mouth_closed.png"), c => Fill(c, new SKRect(80, 200, 120, 204), SKColors.Black), mouthCanvas);
        Png(Path.Combine(dir, "mouth_half.png"), c => Fill(c, new SKRect(80, 196, 120, 212), new SKColor(250, 160, 40)));
        Png(Path.Combine(dir, "mouth_open.png"), c => Fill(c, new SKRect(80, 190, 120, 230), OpenMouth));
        File.WriteAllText(Path.Combine(dir, "manifest.json"), $$"""
            {
              "name": "Test block",
              "side": "{{side}}",
              "anchor": [100, 380],
              "scale": 0.8,
              "subtitle_color": "#1E5ADC",
              "credit": "立ち絵: テスト作者 (test licence)"
            }
            """);
        return root;
    }

    private static void Png(string path, Action<SKCanvas> draw, SKSizeI? size = null)
    {
        var s = size ?? new SKSizeI(CanvasWidth, CanvasHeight);
        using var bitmap = new SKBitmap(new SKImageInfo(s.Width, s.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            draw(canvas);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static void Fill(SKCanvas canvas, SKRect rect, SKColor color)
    {
        using var paint = new SKPaint { Color = color };
        canvas.DrawRect(rect, paint);
    }
}
