using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using SkiaSharp;

namespace MovieGen.Pipeline.Characters;

/// <summary>A character pack that cannot be used; the message names the file and what is wrong.</summary>
public sealed class CharacterPackException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a persona folder's <c>manifest.json</c> says (README "Character packs").</summary>
/// <param name="Name">The character's name on its subtitles' name tag (Japanese lines); the persona's when absent.</param>
/// <param name="NameEn">The name tag on English lines; <paramref name="Name"/> when absent.</param>
/// <param name="Anchor">The canvas point, in canvas pixels, that stands on the bottom edge of the frame at the character's spot.</param>
/// <param name="Scale">On-screen pixels per canvas pixel at 1280×720 (scaled with the frame height at 1920×1080).</param>
/// <param name="Side"><c>left</c> or <c>right</c>: where the character prefers to stand.</param>
/// <param name="SubtitleColor">#RRGGBB of the character's subtitle outline and name tag.</param>
/// <param name="Credit">Shown on the page and on the video's last slide (the artist's licence usually asks for it).</param>
public sealed record CharacterManifest(
    string? Name,
    [property: JsonPropertyName("name_en")] string? NameEn,
    double[]? Anchor,
    double Scale,
    string? Side,
    [property: JsonPropertyName("subtitle_color")] string? SubtitleColor,
    string? Credit);

/// <summary>The six pictures of one character, all on one canvas.</summary>
public enum CharacterLayer
{
    Base,
    MouthClosed,
    MouthHalf,
    MouthOpen,
    EyesOpen,
    EyesClosed,
}

/// <summary>One persona's character: its manifest and layer files.</summary>
public sealed record CharacterArt(
    string PersonaId,
    string Directory,
    CharacterManifest Manifest,
    IReadOnlyDictionary<CharacterLayer, string> Layers,
    SKSizeI Canvas)
{
    private CharacterBounds? bounds;

    public bool OnLeft => Manifest.Side == "left";

    /// <summary>Where the pictures have pixels, measured once.</summary>
    public CharacterBounds Bounds => bounds ??= CharacterBounds.Measure(this);

    public SKPoint Anchor => new((float)Manifest.Anchor![0], (float)Manifest.Anchor[1]);

    public SKColor SubtitleColor => SKColor.Parse(Manifest.SubtitleColor);

    public static string FileStem(CharacterLayer layer) => layer switch
    {
        CharacterLayer.Base => "base",
        CharacterLayer.MouthClosed => "mouth_closed",
        CharacterLayer.MouthHalf => "mouth_half",
        CharacterLayer.MouthOpen => "mouth_open",
        CharacterLayer.EyesOpen => "eyes_open",
        _ => "eyes_closed",
    };

    public static CharacterLayer MouthLayer(MouthShape shape) => shape switch
    {
        MouthShape.Open => CharacterLayer.MouthOpen,
        MouthShape.Half => CharacterLayer.MouthHalf,
        _ => CharacterLayer.MouthClosed,
    };
}

/// <summary>A directory of characters, one folder per persona id (<c>metan/</c>, <c>zundamon/</c>,
/// …), each with <c>manifest.json</c> and the layers <c>base</c>, <c>mouth_closed</c>,
/// <c>mouth_half</c>, <c>mouth_open</c>, <c>eyes_open</c>, <c>eyes_closed</c> as <c>.svg</c> or
/// <c>.png</c> on one canvas. <see cref="Load"/> checks all of it, so a broken pack stops the
/// program at start with the file named rather than failing a job later.</summary>
public sealed class CharacterPack
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private CharacterPack(string directory, IReadOnlyList<CharacterArt> characters)
    {
        Directory = directory;
        Characters = characters;
    }

    /// <summary>The pack shipped with MovieGen (assets/characters, copied beside the program).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "characters");

    public string Directory { get; }

    public IReadOnlyList<CharacterArt> Characters { get; }

    public CharacterArt? For(string? personaId) =>
        Characters.FirstOrDefault(c => string.Equals(c.PersonaId, Personas.Get(personaId).Id, StringComparison.Ordinal));

    /// <summary>The distinct credit lines of the pack's characters.</summary>
    public IReadOnlyList<string> Credits =>
        Characters.Select(c => c.Manifest.Credit?.Trim()).OfType<string>().Where(c => c.Length > 0).Distinct().ToList();

    public static CharacterPack Load(string? directory)
    {
        var root = Path.GetFullPath(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory);
        if (!System.IO.Directory.Exists(root))
        {
            throw new CharacterPackException($"CHARACTER_DIR: the character pack directory {root} does not exist.");
        }

        var folders = System.IO.Directory.GetDirectories(root)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (folders.Count == 0)
        {
            throw new CharacterPackException(
                $"CHARACTER_DIR: {root} holds no character folders (one per persona: {string.Join(", ", Personas.All.Select(p => p.Id))}).");
        }

        return new CharacterPack(root, folders.Select(LoadCharacter).ToList());
    }

    private static CharacterArt LoadCharacter(string folder)
    {
        var id = Path.GetFileName(folder);
        if (!Personas.All.Any(p => p.Id == id))
        {
            throw new CharacterPackException(
                $"CHARACTER_DIR: the folder {folder} is not named after a persona ({string.Join(", ", Personas.All.Select(p => p.Id))}).");
        }

        var manifestPath = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            throw new CharacterPackException($"CHARACTER_DIR: {manifestPath} is missing.");
        }

        CharacterManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CharacterManifest>(File.ReadAllText(manifestPath), Json)
                ?? throw new CharacterPackException($"CHARACTER_DIR: {manifestPath} is empty.");
        }
        catch (JsonException ex)
        {
            throw new CharacterPackException($"CHARACTER_DIR: {manifestPath} is not valid JSON: {ex.Message}", ex);
        }

        var layers = new Dictionary<CharacterLayer, string>();
        foreach (var layer in Enum.GetValues<CharacterLayer>())
        {
            var stem = CharacterArt.FileStem(layer);
            var file = new[] { ".svg", ".png" }.Select(ext => Path.Combine(folder, stem + ext)).FirstOrDefault(File.Exists)
                ?? throw new CharacterPackException($"CHARACTER_DIR: {Path.Combine(folder, stem)}.svg (or .png) is missing.");
            layers[layer] = file;
        }

        var canvas = CharacterPictures.CanvasSize(layers[CharacterLayer.Base]);
        foreach (var (_, file) in layers)
        {
            var size = CharacterPictures.CanvasSize(file);
            if (Math.Abs(size.Width - canvas.Width) > 1 || Math.Abs(size.Height - canvas.Height) > 1)
            {
                throw new CharacterPackException(
                    $"CHARACTER_DIR: {file} is {size.Width}×{size.Height} but {Path.GetFileName(layers[CharacterLayer.Base])} is {canvas.Width}×{canvas.Height}; all layers of a character share one canvas.");
            }
        }

        Check(manifest.Side is "left" or "right", "\"side\" must be \"left\" or \"right\"");
        Check(manifest.Scale is > 0 and <= 8, "\"scale\" must be a number above 0 (on-screen pixels per canvas pixel at 1280×720)");
        Check(manifest.Anchor is { Length: 2 } a && a[0] >= 0 && a[0] <= canvas.Width && a[1] > 0 && a[1] <= canvas.Height,
            $"\"anchor\" must be [x, y] inside the {canvas.Width}×{canvas.Height} canvas");
        Check(SKColor.TryParse(manifest.SubtitleColor, out _) && manifest.SubtitleColor!.StartsWith('#'),
            "\"subtitle_color\" must be a colour like \"#D6336C\"");
        return new CharacterArt(id, folder, manifest, layers, canvas);

        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                throw new CharacterPackException($"CHARACTER_DIR: {manifestPath}: {problem}.");
            }
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Directory} ({string.Join(", ", Characters.Select(c => c.PersonaId))})");
}
