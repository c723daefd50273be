namespace MovieGen.Pipeline.Script;

/// <summary>A speaking character: who they are on screen and how each synthesizer voices them.</summary>
/// <param name="VoicevoxSpeaker">VOICEVOX engine speaker (style) id.</param>
/// <param name="EspeakVariant">espeak-ng voice variant, so the two speakers sound different offline.</param>
/// <param name="Color">Subtitle outline colour, #RRGGBB.</param>
public sealed record Persona(
    string Id,
    string NameJa,
    string NameEn,
    int VoicevoxSpeaker,
    string EspeakVariant,
    string Color);

public static class Personas
{
    /// <summary>Explains the article (the "explainer" role).</summary>
    public static readonly Persona Metan = new("metan", "四国めたん", "Metan", 2, "f2", "#D6336C");

    /// <summary>Asks and reacts (the "listener" role).</summary>
    public static readonly Persona Zundamon = new("zundamon", "ずんだもん", "Zundamon", 3, "f5", "#2F9E44");

    public static readonly Persona Tsumugi = new("tsumugi", "春日部つむぎ", "Tsumugi", 8, "f4", "#E67700");

    public static IReadOnlyList<Persona> All { get; } = [Metan, Zundamon, Tsumugi];

    /// <summary>The persona with this id, or the explainer when the id is unknown or empty.</summary>
    public static Persona Get(string? id) =>
        All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase)) ?? Metan;
}
