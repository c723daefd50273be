using System.Globalization;
using MovieGen.Pipeline.Audio;
using SkiaSharp;

namespace MovieGen.Pipeline.Characters;

/// <summary>How a character looks in one frame. <paramref name="Level"/> is how much it is the
/// speaker, in steps of 1/<see cref="CharacterSprites.LevelSteps"/>: 0 dimmed at rest, the top
/// step at full brightness and raised; the steps between animate the change of speaker.</summary>
public sealed record SpriteState(MouthShape Mouth, bool EyesClosed, int Level)
{
    public string FileName(string personaId) => string.Create(CultureInfo.InvariantCulture,
        $"{personaId}_{Mouth.ToString().ToLowerInvariant()}_{(EyesClosed ? "shut" : "open")}_{Level}.png");
}

/// <summary>Draws a placed character (base + eyes + mouth composed per state, dimmed by a colour
/// matrix) in two parts: its <see cref="Body"/> at each speaker level with the face at rest,
/// which the video stage draws into its stills, and per state just its <see cref="Face"/> (the
/// rectangle in which eyes and mouth change, at any level), which ffmpeg lays over every frame.
/// The face over the body is the whole character in that state; the overlay stays a few
/// thousand pixels instead of the whole figure.</summary>
public sealed class CharacterSprites : IDisposable
{
    public const int LevelSteps = 3;

    /// <summary>The listener's brightness (the speaker's is 1).</summary>
    private const float DimBrightness = 0.68f;

    private readonly CharacterPlacement placement;
    private readonly string directory;
    private readonly Dictionary<CharacterLayer, SKBitmap> layers = [];
    private readonly Dictionary<SpriteState, string> written = [];
    private readonly SKBitmap[] bodies;

    public CharacterSprites(CharacterPlacement placement, string directory)
    {
        this.placement = placement;
        this.directory = directory;
        Directory.CreateDirectory(directory);
        foreach (var (layer, path) in placement.Art.Layers)
        {
            layers[layer] = CharacterPictures.Render(path, placement.Art.Canvas, placement.Scale);
        }

        Face = FaceRectangle(placement);
        bodies = [.. Enumerable.Range(0, LevelSteps + 1).Select(level => Draw(new SpriteState(MouthShape.Closed, false, level)))];
    }

    /// <summary>Where eyes and mouth may change on screen, raised or not: whole pixels with even
    /// edges, because a yuv420 overlay is placed at even coordinates only.</summary>
    public SKRectI Face { get; }

    /// <summary>The PNG of <paramref name="state"/>'s <see cref="Face"/>, drawn on first use.</summary>
    public string PathOf(SpriteState state)
    {
        if (written.TryGetValue(state, out var path))
        {
            return path;
        }

        path = Path.Combine(directory, state.FileName(placement.Art.PersonaId));
        using var whole = Draw(state);
        using var face = new SKBitmap();
        var sprite = placement.Sprite;
        if (!whole.ExtractSubset(face, new SKRectI(Face.Left - sprite.Left, Face.Top - sprite.Top, Face.Right - sprite.Left, Face.Bottom - sprite.Top)))
        {
            throw new InvalidOperationException("The face of a character sprite lies outside it.");
        }

        using var data = face.PeekPixels().Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 3))
            ?? throw new InvalidOperationException("PNG encoding of a character sprite failed.");
        using (var file = File.Create(path))
        {
            data.SaveTo(file);
        }

        written[state] = path;
        return path;
    }

    /// <summary>The character at <paramref name="level"/> with eyes open and mouth shut, the size
    /// of the placement's sprite rectangle (drawn once per level; safe to draw from any thread).</summary>
    public SKBitmap Body(int level) => bodies[level];

    /// <summary>The state drawn on a transparent bitmap of the sprite's size.</summary>
    public SKBitmap Draw(SpriteState state)
    {
        var sprite = placement.Sprite;
        var bitmap = new SKBitmap(new SKImageInfo(sprite.Width, sprite.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Transparent);
        var level = (float)state.Level / LevelSteps;

        // Whole pixels, so the raised character stays as crisp as the resting one.
        var x = (float)Math.Round(placement.Spot.X - (placement.Art.Anchor.X * placement.Scale) - sprite.Left);
        var y = (float)Math.Round(placement.Spot.Y - (placement.Raise * level) - (placement.Art.Anchor.Y * placement.Scale) - sprite.Top);
        using var paint = new SKPaint { ColorFilter = Dimming(level) };
        canvas.SaveLayer(paint);
        var sampling = new SKSamplingOptions(SKFilterMode.Nearest);
        canvas.DrawBitmap(layers[CharacterLayer.Base], x, y, sampling, null);
        canvas.DrawBitmap(layers[state.EyesClosed ? CharacterLayer.EyesClosed : CharacterLayer.EyesOpen], x, y, sampling, null);
        canvas.DrawBitmap(layers[CharacterArt.MouthLayer(state.Mouth)], x, y, sampling, null);
        canvas.Restore();
        return bitmap;
    }

    public void Dispose()
    {
        foreach (var bitmap in layers.Values.Concat(bodies))
        {
            bitmap.Dispose();
        }
    }

    private static SKRectI FaceRectangle(CharacterPlacement placement)
    {
        var changing = SKRect.Union(
            SKRect.Union(placement.EyesOnScreen(0), placement.EyesOnScreen(1)),
            SKRect.Union(placement.MouthOnScreen(0), placement.MouthOnScreen(1)));
        var sprite = placement.Sprite;
        static int Down(float v) => (int)Math.Floor(v / 2) * 2;
        static int Up(float v) => (int)Math.Ceiling(v / 2) * 2;

        // Two pixels of slack for the pictures' anti-aliasing, kept inside the sprite.
        return new SKRectI(
            Math.Max(Up(sprite.Left), Down(changing.Left - 2)),
            Math.Max(Up(sprite.Top), Down(changing.Top - 2)),
            Math.Min(Down(sprite.Right), Up(changing.Right + 2)),
            Math.Min(Down(sprite.Bottom), Up(changing.Bottom + 2)));
    }

    /// <summary>Darker and a little greyer as the level falls (premultiplied alpha is kept).</summary>
    private static SKColorFilter? Dimming(float level)
    {
        if (level >= 1)
        {
            return null;
        }

        var b = DimBrightness + ((1 - DimBrightness) * level);
        var grey = 0.18f * (1 - level);
        float Mix(float luma, bool own) => b * ((own ? 1 - grey : 0) + (luma * grey));
        float[] matrix =
        [
            Mix(0.2126f, true), Mix(0.7152f, false), Mix(0.0722f, false), 0, 0,
            Mix(0.2126f, false), Mix(0.7152f, true), Mix(0.0722f, false), 0, 0,
            Mix(0.2126f, false), Mix(0.7152f, false), Mix(0.0722f, true), 0, 0,
            0, 0, 0, 1, 0,
        ];
        return SKColorFilter.CreateColorMatrix(matrix);
    }
}
