using MovieGen.Pipeline.Slides;
using SkiaSharp;

namespace MovieGen.Pipeline.Video;

/// <summary>A subtitle: what is said and by whom.</summary>
/// <param name="Color">The speaker's colour (outline, box border, name tag).</param>
public sealed record Subtitle(string Text, string Speaker, SKColor Color)
{
    /// <summary>The displayed form of a narration line: trailing 。 and 、 (and spaces) removed.</summary>
    public static string Clean(string text) => text.Trim().TrimEnd('。', '、', ' ', '\u3000');
}

/// <summary>Where a subtitle was drawn.</summary>
public sealed record SubtitleLayout(SKRect Box, TextBlock Text, SKRect NameTag);

/// <summary>Draws the subtitle band over a slide: a translucent box bordered in the speaker's
/// colour, white text with a thick outline in that colour (the look of Japanese explainer
/// videos), and a name tag. Text wraps by measured width and shrinks rather than overflowing.</summary>
public sealed class SubtitleRenderer(SlideFonts fonts, SlideGeometry geometry)
{
    public SubtitleLayout Draw(SKCanvas canvas, Subtitle subtitle)
    {
        var s = geometry.Scale;
        var area = geometry.SubtitleArea;
        var nameHeight = 34 * s;
        var box = new SKRect(area.Left, area.Top + (nameHeight / 2), area.Right, area.Bottom);
        var padX = 28 * s;
        var padY = 14 * s;
        var text = TextLayout.Fit(Subtitle.Clean(subtitle.Text), fonts.Bold, box.Width - (2 * padX), box.Height - (2 * padY) - (6 * s),
            2, 38 * s, 22 * s, 1.25f);

        using var fill = new SKPaint { IsAntialias = true, Color = new SKColor(22, 30, 48) };
        using var border = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 4 * s, Color = subtitle.Color };
        canvas.DrawRoundRect(box, 14 * s, 14 * s, fill);
        canvas.DrawRoundRect(box, 14 * s, 14 * s, border);

        var top = box.MidY - (text.Height / 2) + (4 * s);
        using var outline = new SKPaint
        {
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeWidth = Math.Max(2, text.FontSize * 0.16f),
            StrokeJoin = SKStrokeJoin.Round,
            Color = subtitle.Color,
        };
        using var white = new SKPaint { IsAntialias = true, Color = SKColors.White };
        TextLayout.Draw(canvas, text, fonts.Bold, box.MidX, top, SKTextAlign.Center, outline, white);

        var name = TextLayout.Fit(subtitle.Speaker, fonts.Bold, 320 * s, nameHeight, 1, 22 * s, 14 * s, 1.0f);
        var tag = new SKRect(box.Left + (20 * s), area.Top, box.Left + (20 * s) + name.Width + (28 * s), area.Top + nameHeight);
        using var tagFill = new SKPaint { IsAntialias = true, Color = subtitle.Color };
        canvas.DrawRoundRect(tag, nameHeight / 2, nameHeight / 2, tagFill);
        TextLayout.Draw(canvas, name, fonts.Bold, tag.MidX, tag.MidY - (name.Height / 2), SKTextAlign.Center, white);

        return new SubtitleLayout(box, text, tag);
    }
}
