using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Audio;

/// <summary>One narration line to speak.</summary>
/// <param name="Text">What is shown (and what VOICEVOX reads).</param>
/// <param name="Reading">Kana for Japanese lines (what espeak-ng reads); empty when Text reads as written.</param>
/// <param name="Language">"ja" or "en".</param>
public sealed record SpeechLine(string Text, string Reading, Persona Persona, string Language)
{
    public static SpeechLine From(Narration narration) =>
        new(narration.Text, narration.Reading, Personas.Get(narration.PersonaId), NarrationLanguage.Detect(narration.Text));
}

/// <summary>Turns one line into a WAV file. Implementations write a complete file at the given
/// path or throw; the audio stage hands them a temporary path and renames it afterwards. A
/// synthesizer that knows when its voice opens the mouth (VOICEVOX, from its moras) returns that
/// timeline; the others return null and the mouth follows the WAV's loudness.</summary>
public interface ISpeechSynthesizer
{
    /// <summary>Short name for logs and credits ("espeak-ng", "voicevox").</summary>
    string Name { get; }

    Task<MouthTimeline?> SynthesizeAsync(SpeechLine line, string outputPath, CancellationToken ct);
}
