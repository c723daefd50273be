using SkiaSharp;

namespace MovieGen.Pipeline.Characters;

/// <summary>Where a character's pixels are on its canvas (canvas units): all layers together,
/// the mouths, the eyes. Measured from the pictures, so transparent margins cost no room.</summary>
public sealed record CharacterBounds(SKRect All, SKRect Mouth, SKRect Eyes)
{
    private const float MeasureScale = 0.25f;

    public static CharacterBounds Measure(CharacterArt art)
    {
        SKRect Union(params CharacterLayer[] layers)
        {
            var union = SKRect.Empty;
            foreach (var layer in layers)
            {
                using var bitmap = CharacterPictures.Render(art.Layers[layer], art.Canvas, MeasureScale);
                var b = CharacterPictures.OpaqueBounds(bitmap);
                if (b.IsEmpty)
                {
                    continue;
                }

                // One measuring pixel of slack on every side.
                var r = new SKRect((b.Left - 1) / MeasureScale, (b.Top - 1) / MeasureScale, (b.Right + 1) / MeasureScale, (b.Bottom + 1) / MeasureScale);
                union = union.IsEmpty ? r : SKRect.Union(union, r);
            }

            return union;
        }

        var all = Union(Enum.GetValues<CharacterLayer>());
        if (all.IsEmpty)
        {
            throw new CharacterPackException($"CHARACTER_DIR: every layer of {art.Directory} is transparent.");
        }

        return new CharacterBounds(all,
            Union(CharacterLayer.MouthClosed, CharacterLayer.MouthHalf, CharacterLayer.MouthOpen),
            Union(CharacterLayer.EyesOpen, CharacterLayer.EyesClosed));
    }
}

/// <summary>One character placed in the frame. Its sprite is a fixed screen rectangle; inside
/// it the character is drawn <see cref="Raise"/> pixels higher while it speaks.</summary>
/// <param name="Scale">Screen pixels per canvas pixel at this resolution.</param>
/// <param name="Spot">Where the anchor stands when the character is at rest (on the bottom edge).</param>
public sealed record CharacterPlacement(CharacterArt Art, bool OnLeft, float Scale, SKPoint Spot, float Raise, SKRectI Sprite,
    CharacterBounds Bounds)
{
    /// <summary>A canvas rectangle on screen, with the character raised by <paramref name="level"/> (0 at rest, 1 speaking).</summary>
    public SKRect OnScreen(SKRect canvasRect, float level) =>
        new(Spot.X + ((canvasRect.Left - Art.Anchor.X) * Scale), Spot.Y - (Raise * level) + ((canvasRect.Top - Art.Anchor.Y) * Scale),
            Spot.X + ((canvasRect.Right - Art.Anchor.X) * Scale), Spot.Y - (Raise * level) + ((canvasRect.Bottom - Art.Anchor.Y) * Scale));

    /// <summary>Everything the character may cover, raised or not.</summary>
    public SKRect Footprint => SKRect.Union(OnScreen(Bounds.All, 0), OnScreen(Bounds.All, 1));

    public SKRect MouthOnScreen(float level) => OnScreen(Bounds.Mouth, level);

    public SKRect EyesOnScreen(float level) => OnScreen(Bounds.Eyes, level);
}

/// <summary>Places the characters at the bottom corners (shared/DESIGN.md §8), sized by their
/// manifests and shrunk when a picture would reach past 30 % of the width or into the slide
/// header. The slide layout keeps <see cref="SideRoom"/> free on both sides, so characters
/// never cover slide text or the subtitle box.</summary>
public static class CharacterLayout
{
    /// <summary>The anchor's distance from its side of the frame, as a share of the width.</summary>
    private const float SpotInset = 0.105f;

    /// <summary>The farthest a character may reach in from its side, as a share of the width.</summary>
    private const float MaxReach = 0.3f;

    /// <summary>How much higher the speaker stands, as a share of the height.</summary>
    private const float RaiseShare = 0.022f;

    /// <summary>Places each of <paramref name="cast"/> (at most two): the first where its manifest
    /// wants it, the second there too when that side is free, else on the other side.</summary>
    public static IReadOnlyList<CharacterPlacement> Place(IReadOnlyList<CharacterArt> cast, int width, int height)
    {
        var placements = new List<CharacterPlacement>();
        foreach (var art in cast.Take(2))
        {
            var left = placements.Count == 0 ? art.OnLeft : !placements[0].OnLeft;
            placements.Add(Place(art, art.Bounds, left, width, height));
        }

        return placements;
    }

    /// <summary>The width kept free of slide content on each side: room for the widest character of the pack.</summary>
    public static float SideRoom(CharacterPack pack, int width, int height)
    {
        var gap = 16 * height / 720f;
        var room = 0f;
        foreach (var art in pack.Characters)
        {
            foreach (var left in new[] { true, false })
            {
                var footprint = Place(art, art.Bounds, left, width, height).Footprint;
                room = Math.Max(room, left ? footprint.Right : width - footprint.Left);
            }
        }

        return (float)Math.Ceiling(room + gap);
    }

    private static CharacterPlacement Place(CharacterArt art, CharacterBounds bounds, bool onLeft, int width, int height)
    {
        var s = height / 720f;
        var raise = (float)Math.Round(RaiseShare * height);
        var spot = new SKPoint(onLeft ? SpotInset * width : width - (SpotInset * width), height);
        var scale = (float)art.Manifest.Scale * s;

        // Keep the inner edge within MaxReach of the side, and the top below the slide header.
        var inner = onLeft ? bounds.All.Right - art.Anchor.X : art.Anchor.X - bounds.All.Left;
        if (inner > 0)
        {
            scale = Math.Min(scale, ((MaxReach * width) - (SpotInset * width)) / inner);
        }

        var above = art.Anchor.Y - bounds.All.Top;
        var headroom = height - raise - (136 * s);
        if (above > 0)
        {
            scale = Math.Min(scale, headroom / above);
        }

        var provisional = new CharacterPlacement(art, onLeft, scale, spot, raise, SKRectI.Empty, bounds);
        var reach = provisional.Footprint;
        var sprite = new SKRectI(
            Math.Max(0, (int)Math.Floor(reach.Left)),
            Math.Max(0, (int)Math.Floor(reach.Top)),
            Math.Min(width, (int)Math.Ceiling(reach.Right)),
            height);
        return provisional with { Sprite = sprite };
    }
}
