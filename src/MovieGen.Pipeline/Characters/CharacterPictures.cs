using System.Globalization;
using System.Xml;
using SkiaSharp;
using Svg.Skia;

namespace MovieGen.Pipeline.Characters;

/// <summary>Reads character layers, SVG (drawn with Svg.Skia, sharp at any size) or PNG.</summary>
public static class CharacterPictures
{
    public static bool IsSvg(string path) => path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);

    /// <summary>The canvas of a layer: an SVG's width × height (or its viewBox), a PNG's pixels.
    /// Read without drawing (settings validation runs this at every program start): the SVG's XML
    /// is read through to check it is well formed, the PNG's header only.</summary>
    public static SKSizeI CanvasSize(string path)
    {
        if (IsSvg(path))
        {
            return SvgCanvas(path);
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

    private static SKSizeI SvgCanvas(string path)
    {
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            reader.MoveToContent();
            if (reader.LocalName != "svg")
            {
                throw new CharacterPackException($"CHARACTER_DIR: {path} is not an SVG (its root element is <{reader.LocalName}>).");
            }

            var width = Length(reader.GetAttribute("width"));
            var height = Length(reader.GetAttribute("height"));
            var box = (reader.GetAttribute("viewBox") ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            if ((width is null || height is null) && box.Length == 4)
            {
                width ??= Length(box[2]);
                height ??= Length(box[3]);
            }

            while (reader.Read())
            {
                // through to the end: a truncated or malformed file fails here, at start
            }

            return width is > 0 && height is > 0
                ? new SKSizeI((int)Math.Round(width.Value), (int)Math.Round(height.Value))
                : throw new CharacterPackException($"CHARACTER_DIR: {path} has neither width and height nor a viewBox.");
        }
        catch (XmlException ex)
        {
            throw new CharacterPackException($"CHARACTER_DIR: {path} is not a readable SVG: {ex.Message}", ex);
        }

        static double? Length(string? value) =>
            value is not null && double.TryParse(value.Trim().Replace("px", "", StringComparison.Ordinal), NumberStyles.Float,
                CultureInfo.InvariantCulture, out var v) ? v : null;
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
