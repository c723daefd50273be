using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Slides;

namespace MovieGen.Pipeline.Characters;

/// <summary>The character pack of this process (CHARACTERS, CHARACTER_DIR), loaded once; null
/// when CHARACTERS=off. Settings validation loads it first, so a broken pack never gets here.</summary>
public sealed class CharacterCast(PipelineOptions options)
{
    private readonly Lazy<CharacterPack?> pack = new(() => options.CharactersEnabled ? CharacterPack.Load(options.CharacterDirectory) : null);

    public CharacterPack? Pack => pack.Value;

    /// <summary>The characters a script shows: its personas in order of first line that the pack
    /// has a character for, at most two.</summary>
    public IReadOnlyList<CharacterArt> For(VideoScript script) =>
        Pack is not { } p
            ? []
            : script.Sections.SelectMany(s => s.Narrations)
                .Select(n => p.For(n.PersonaId))
                .OfType<CharacterArt>()
                .DistinctBy(a => a.PersonaId)
                .Take(2)
                .ToList();

    /// <summary>The frame layout slides and video share: with characters, room for them on both sides.</summary>
    public SlideGeometry Geometry()
    {
        var (width, height) = options.Resolution;
        var geometry = new SlideGeometry(width, height);
        return Pack is { } p ? geometry with { SideRoom = CharacterLayout.SideRoom(p, width, height) } : geometry;
    }

    /// <summary>The line the last slide shows: the pack's credits, and the voices' when VOICEVOX speaks.</summary>
    public string CreditLine(VideoScript script)
    {
        if (Pack is not { } p)
        {
            return "";
        }

        var credits = p.Credits.ToList();
        if (!string.IsNullOrWhiteSpace(options.VoicevoxUrl))
        {
            var voices = script.Sections.SelectMany(s => s.Narrations).Select(n => Personas.Get(n.PersonaId)).Distinct()
                .Select(v => $"VOICEVOX:{v.NameJa}");
            credits.Add($"音声: {string.Join("、", voices)}");
        }

        return string.Join(" / ", credits);
    }
}
