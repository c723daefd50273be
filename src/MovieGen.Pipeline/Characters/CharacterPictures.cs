using SkiaSharp;
using Svg.Skia;

namespace MovieGen.Pipeline.Characters;

/// <summary>Reads character layers, SVG (drawn with Svg.Skia, sharp at any size) or PNG.</summary>
public static class CharacterPictures
{
    public static bool IsSvg(string path) => path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);

    /// <summary>The canvas of a layer: an SVG's width × height (or viewBox), a PNG's pixels.</summary>
    public static SKSizeI CanvasSize(string path)
    {
        if (IsSvg(path))
        {
            using var svg = new SKSvg();
            var picture = LoadSvg(svg, path);
            return new SKSizeI((int)Math.Round(picture.CullRect.Width), (int)Math.Round(picture.CullRect.Height));
        }

        using var codec = SKCodec.Create(path)
            ?? throw new CharacterPackException($"CHARACTER_DIR: {path} is not a readable PNG.");
        return new SKSizeI(codec.Info.Width, codec.Info.Height);
    }

    /// <summary>Draws the layer's whole canvas at <paramref name="scale"/> onto <paramref name="canvas"/>,
    /// its top-left at the current origin.</summary>
    public static void Draw(SKCanvas canvas, string path, float scale, SKPaint? paint = null)
    {
        if (IsSvg(path))
        {
            using var svg = new SKSvg();
            var picture = LoadSvg(svg, path);
            canvas.Save();
            canvas.Scale(scale);
            canvas.DrawPicture(picture, paint);
            canvas.Restore();
            return;
        }

        using var image = SKImage.FromEncodedData(path)
            ?? throw new CharacterPackException($"CHARACTER_DIR: {path} is not a readable PNG.");
        canvas.DrawImage(image, SKRect.Create(image.Width * scale, image.Height * scale),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
    }

    /// <summary>The layer alone on a transparent bitmap of the scaled canvas size.</summary>
    public static SKBitmap Render(string path, SKSizeI canvasSize, float scale)
    {
        var bitmap = new SKBitmap(new SKImageInfo(
            Math.Max(1, (int)Math.Ceiling(canvasSize.Width * scale)), Math.Max(1, (int)Math.Ceiling(canvasSize.Height * scale)),
            SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Transparent);
        Draw(canvas, path, scale);
        return bitmap;
    }

    /// <summary>The smallest rectangle holding every pixel that is not (nearly) transparent; empty when none is.</summary>
    public static SKRectI OpaqueBounds(SKBitmap bitmap)
    {
        int left = bitmap.Width, top = bitmap.Height, right = -1, bottom = -1;
        var pixels = bitmap.GetPixelSpan();
        var stride = bitmap.RowBytes;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (pixels[(y * stride) + (x * 4) + 3] > 8)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
            }
        }

        return right < 0 ? SKRectI.Empty : new SKRectI(left, top, right + 1, bottom + 1);
    }

    private static SKPicture LoadSvg(SKSvg svg, string path)
    {
        try
        {
            return svg.Load(path) ?? throw new CharacterPackException($"CHARACTER_DIR: {path} is not a readable SVG.");
        }
        catch (Exception ex) when (ex is not CharacterPackException)
        {
            throw new CharacterPackException($"CHARACTER_DIR: {path} is not a readable SVG: {ex.Message}", ex);
        }
    }
}
