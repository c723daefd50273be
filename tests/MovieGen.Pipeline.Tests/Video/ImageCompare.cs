using SkiaSharp;

namespace MovieGen.Pipeline.Tests.Video;

/// <summary>Pixel comparisons for rendered slides and extracted video frames.</summary>
public static class ImageCompare
{
    public static SKBitmap Load(string path) =>
        SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not a decodable image.");

    /// <summary>Mean absolute difference of the RGB channels over <paramref name="region"/> (0–255).</summary>
    public static double MeanDifference(SKBitmap a, SKBitmap b, SKRectI? region = null)
    {
        a.Width.ShouldBe(b.Width);
        a.Height.ShouldBe(b.Height);
        var r = region ?? new SKRectI(0, 0, a.Width, a.Height);
        double sum = 0;
        for (var y = r.Top; y < r.Bottom; y++)
        {
            for (var x = r.Left; x < r.Right; x++)
            {
                var p = a.GetPixel(x, y);
                var q = b.GetPixel(x, y);
                sum += Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue);
            }
        }

        return sum / (3.0 * r.Width * r.Height);
    }

    /// <summary>Share of pixels in <paramref name="region"/> that differ clearly from <paramref name="background"/>.</summary>
    public static double InkFraction(SKBitmap bitmap, SKRectI region, SKColor background)
    {
        var ink = 0;
        for (var y = region.Top; y < region.Bottom; y++)
        {
            for (var x = region.Left; x < region.Right; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - background.Red) + Math.Abs(p.Green - background.Green) + Math.Abs(p.Blue - background.Blue) > 60)
                {
                    ink++;
                }
            }
        }

        return (double)ink / (region.Width * region.Height);
    }

    /// <summary>Mean luminance (Rec. 709, 0–255) over <paramref name="region"/>.</summary>
    public static double Luminance(SKBitmap bitmap, SKRectI region)
    {
        double sum = 0;
        for (var y = region.Top; y < region.Bottom; y++)
        {
            for (var x = region.Left; x < region.Right; x++)
            {
                var p = bitmap.GetPixel(x, y);
                sum += (0.2126 * p.Red) + (0.7152 * p.Green) + (0.0722 * p.Blue);
            }
        }

        return sum / (region.Width * region.Height);
    }

    /// <summary>The first row of <paramref name="region"/> holding a pixel that <paramref name="counts"/>.</summary>
    public static int TopRow(SKBitmap bitmap, SKRectI region, Func<SKColor, bool> counts)
    {
        for (var y = region.Top; y < region.Bottom; y++)
        {
            for (var x = region.Left; x < region.Right; x++)
            {
                if (counts(bitmap.GetPixel(x, y)))
                {
                    return y;
                }
            }
        }

        return region.Bottom;
    }

    public static SKRectI Round(SKRect rect) =>
        new((int)Math.Floor(rect.Left), (int)Math.Floor(rect.Top), (int)Math.Ceiling(rect.Right), (int)Math.Ceiling(rect.Bottom));
}
