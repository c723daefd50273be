using SkiaSharp;

namespace MovieGen.Pipeline.Slides;

/// <summary>Where things go on a 16:9 frame, designed at 1280×720 and scaled with the height, so
/// slides and the subtitle overlay agree: the bottom band is kept free of slide content because
/// subtitles are drawn there, and with characters on screen <see cref="SideRoom"/> pixels on
/// each side below the header are theirs (the body and the subtitle box move inwards).</summary>
public sealed record SlideGeometry(int Width, int Height)
{
    /// <summary>Pixels kept free on the left and on the right below the header (0: no characters).</summary>
    public float SideRoom { get; init; }

    public float Scale => Height / 720f;

    public float Margin => 56 * Scale;

    public SKRect Header => new(0, 0, Width, 124 * Scale);

    public SKRect Accent => new(0, Header.Bottom, Width, Header.Bottom + (6 * Scale));

    /// <summary>Where the subtitle box may be drawn.</summary>
    public SKRect SubtitleArea => new(Math.Max(40 * Scale, SideRoom), Height - (176 * Scale), Width - Math.Max(40 * Scale, SideRoom),
        Height - (14 * Scale));

    public SKRect Body => new(Math.Max(Margin + (16 * Scale), SideRoom), Accent.Bottom + (36 * Scale),
        Width - Math.Max(Margin + (16 * Scale), SideRoom), SubtitleArea.Top - (14 * Scale));

    /// <summary>Where the footer line (the video title) starts.</summary>
    public float FooterLeft => Math.Max(Margin, SideRoom);

    public static SlideGeometry Parse(string resolution)
    {
        var parts = resolution.Split('x');
        return new SlideGeometry(
            int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The one colour theme of every slide.</summary>
public static class SlideTheme
{
    public static readonly SKColor Background = SKColor.Parse("#F7F9FC");
    public static readonly SKColor Header = SKColor.Parse("#1F3A5F");
    public static readonly SKColor Accent = SKColor.Parse("#F2A93B");
    public static readonly SKColor TitleText = SKColors.White;
    public static readonly SKColor PageNumber = SKColor.Parse("#B8C7DB");
    public static readonly SKColor BodyText = SKColor.Parse("#1F2933");
    public static readonly SKColor Bullet = SKColor.Parse("#2F6FB0");
    public static readonly SKColor Footer = SKColor.Parse("#8A96A3");
    public static readonly SKColor ImageFrame = SKColor.Parse("#D9E2EC");
}
