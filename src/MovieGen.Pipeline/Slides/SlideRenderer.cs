using SkiaSharp;

namespace MovieGen.Pipeline.Slides;

/// <summary>What one slide shows.</summary>
/// <param name="Page">1-based.</param>
/// <param name="Footer">Small text at the bottom (the video title).</param>
/// <param name="Credit">A credit line at the foot of the body, above the subtitle box (the last slide's: characters, voices).</param>
public sealed record SlideContent(string Title, IReadOnlyList<string> Points, int Page, int PageCount, SKImage? Image = null, string Footer = "",
    string Credit = "");

/// <summary>Where a slide's parts were drawn, with the text as laid out (sizes, lines, measured extents).</summary>
public sealed record SlideLayout(
    SKRect TitleBox,
    TextBlock Title,
    IReadOnlyList<PointLayout> Points,
    SKRect? ImageBox,
    SKRect Body,
    SKRect? CreditBox = null);

/// <summary>One key point: its text block and the rectangle the text occupies.</summary>
public sealed record PointLayout(SKRect Box, TextBlock Text);

/// <summary>Draws a slide: a header band with the title (up to two lines, shrunk to fit), the
/// page number, key points as a bullet list (one shared size, shrunk until all fit), and the
/// article image beside them when there is one.</summary>
public sealed class SlideRenderer(SlideFonts fonts, SlideGeometry geometry)
{
    public SlideGeometry Geometry => geometry;

    public SlideLayout Draw(SKCanvas canvas, SlideContent content)
    {
        var s = geometry.Scale;
        canvas.Clear(SlideTheme.Background);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };

        fill.Color = SlideTheme.Header;
        canvas.DrawRect(geometry.Header, fill);
        fill.Color = SlideTheme.Accent;
        canvas.DrawRect(geometry.Accent, fill);

        var pageText = $"{content.Page} / {content.PageCount}";
        var pageBlock = TextLayout.Fit(pageText, fonts.Regular, 140 * s, 40 * s, 1, 24 * s, 16 * s);
        fill.Color = SlideTheme.PageNumber;
        TextLayout.Draw(canvas, pageBlock, fonts.Regular, geometry.Width - geometry.Margin,
            geometry.Header.Bottom - (20 * s) - pageBlock.Height, SKTextAlign.Right, fill);

        var titleBox = new SKRect(geometry.Margin, 14 * s, geometry.Width - geometry.Margin - (150 * s), geometry.Header.Bottom - (14 * s));
        var title = TextLayout.Fit(content.Title, fonts.Bold, titleBox.Width, titleBox.Height, 2, 46 * s, 24 * s, 1.2f);
        fill.Color = SlideTheme.TitleText;
        var titleTop = titleBox.MidY - (title.Height / 2);
        TextLayout.Draw(canvas, title, fonts.Bold, titleBox.Left, titleTop, SKTextAlign.Left, fill);

        var body = geometry.Body;
        SKRect? creditBox = null;
        if (!string.IsNullOrWhiteSpace(content.Credit))
        {
            var credit = TextLayout.Fit(content.Credit, fonts.Regular, body.Width, 28 * s, 1, 17 * s, 11 * s);
            fill.Color = SlideTheme.Footer;
            var creditTop = body.Bottom - credit.Height;
            TextLayout.Draw(canvas, credit, fonts.Regular, body.Right, creditTop, SKTextAlign.Right, fill);
            creditBox = new SKRect(body.Right - credit.Width, creditTop, body.Right, body.Bottom);
            body = new SKRect(body.Left, body.Top, body.Right, creditTop - (10 * s));
        }

        SKRect? imageBox = null;
        var pointsArea = body;
        if (content.Image is not null)
        {
            var split = content.Points.Count > 0 ? body.Left + (body.Width * 0.56f) : body.Left;
            pointsArea = new SKRect(body.Left, body.Top, split, body.Bottom);
            var frame = new SKRect(content.Points.Count > 0 ? split + (32 * s) : body.Left, body.Top, body.Right, body.Bottom);
            imageBox = DrawImage(canvas, content.Image, frame);
        }

        var points = DrawPoints(canvas, content.Points, pointsArea);

        if (!string.IsNullOrWhiteSpace(content.Footer))
        {
            var footer = TextLayout.Fit(content.Footer, fonts.Regular, geometry.Width - (2 * geometry.FooterLeft), 30 * s, 1, 18 * s, 14 * s);
            fill.Color = SlideTheme.Footer;
            TextLayout.Draw(canvas, footer, fonts.Regular, geometry.FooterLeft, geometry.Height - (14 * s) - footer.Height, SKTextAlign.Left, fill);
        }

        return new SlideLayout(
            new SKRect(titleBox.Left, titleTop, titleBox.Left + title.Width, titleTop + title.Height),
            title, points, imageBox, body, creditBox);
    }

    /// <summary>Renders to a PNG file (the caller decides the name; stages pass a temporary one).</summary>
    public SlideLayout RenderPng(SlideContent content, string path)
    {
        using var surface = SKSurface.Create(new SKImageInfo(geometry.Width, geometry.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var layout = Draw(surface.Canvas, content);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
        return layout;
    }

    private List<PointLayout> DrawPoints(SKCanvas canvas, IReadOnlyList<string> points, SKRect area)
    {
        var s = geometry.Scale;
        var indent = 34 * s;
        var gap = 18 * s;
        var textWidth = area.Width - indent;
        List<TextBlock> blocks = [];
        for (var size = 34 * s; ; size -= 2 * s)
        {
            var atMinimum = size <= 20 * s;
            blocks = points
                .Select(p => TextLayout.Fit(p, fonts.Regular, textWidth, area.Height, atMinimum ? 2 : 3, size, size, 1.3f))
                .ToList();
            if (blocks.Sum(b => b.Height) + (gap * Math.Max(0, blocks.Count - 1)) <= area.Height || atMinimum)
            {
                break;
            }
        }

        using var text = new SKPaint { IsAntialias = true, Color = SlideTheme.BodyText };
        using var bullet = new SKPaint { IsAntialias = true, Color = SlideTheme.Bullet };
        var layouts = new List<PointLayout>();
        var y = area.Top;
        foreach (var block in blocks)
        {
            if (y + block.Height > area.Bottom + 0.5f)
            {
                break;
            }

            var marker = block.FontSize * 0.36f;
            var markerTop = y + ((block.LineHeight - marker) / 2);
            canvas.DrawRoundRect(new SKRect(area.Left, markerTop, area.Left + marker, markerTop + marker), marker * 0.2f, marker * 0.2f, bullet);
            TextLayout.Draw(canvas, block, fonts.Regular, area.Left + indent, y, SKTextAlign.Left, text);
            layouts.Add(new PointLayout(new SKRect(area.Left + indent, y, area.Left + indent + block.Width, y + block.Height), block));
            y += block.Height + gap;
        }

        return layouts;
    }

    private SKRect DrawImage(SKCanvas canvas, SKImage image, SKRect frame)
    {
        var s = geometry.Scale;
        var pad = 8 * s;
        var inner = new SKRect(frame.Left + pad, frame.Top + pad, frame.Right - pad, frame.Bottom - pad);
        var scale = Math.Min(inner.Width / image.Width, inner.Height / image.Height);
        var w = image.Width * scale;
        var h = image.Height * scale;
        var box = SKRect.Create(inner.MidX - (w / 2), inner.Top + ((inner.Height - h) / 2), w, h);

        using var border = new SKPaint { IsAntialias = true, Color = SlideTheme.ImageFrame };
        canvas.DrawRoundRect(SKRect.Inflate(box, 6 * s, 6 * s), 8 * s, 8 * s, border);
        canvas.DrawImage(image, box, new SKSamplingOptions(SKCubicResampler.Mitchell));
        return box;
    }
}
