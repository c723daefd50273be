using MovieGen.Pipeline.Processes;

namespace MovieGen.Pipeline.Audio;

/// <summary>Offline speech with espeak-ng: voice by language (<c>ja</c> / <c>en-us</c>) plus the
/// persona's variant, e.g. <c>-v ja+f2</c>. Japanese is spoken from its kana reading because
/// espeak-ng says "Chinese letter" for every kanji.</summary>
public sealed class EspeakSynthesizer(PipelineOptions options) : ISpeechSynthesizer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public string Name => "espeak-ng";

    public async Task<MouthTimeline?> SynthesizeAsync(SpeechLine line, string outputPath, CancellationToken ct)
    {
        var voice = line.Language == NarrationLanguage.Japanese ? "ja" : "en-us";
        var spoken = line.Language == NarrationLanguage.Japanese && !string.IsNullOrWhiteSpace(line.Reading)
            ? line.Reading
            : line.Text;

        // The text goes through stdin so a line starting with "-" is never taken for an option.
        await ProcessRunner.RunCheckedAsync(
            new ProcessSpec(
                options.EspeakPath,
                ["-v", $"{voice}+{line.Persona.EspeakVariant}", "-w", outputPath, "--stdin"],
                Timeout,
                StandardInput: spoken),
            ct);
        if (!File.Exists(outputPath))
        {
            throw new ProcessFailedException($"espeak-ng wrote no audio for \"{line.Text}\".");
        }

        return null;
    }
}
