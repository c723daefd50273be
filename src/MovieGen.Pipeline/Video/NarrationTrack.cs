using System.Buffers.Binary;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Processes;

namespace MovieGen.Pipeline.Video;

/// <summary>Builds the whole narration as one WAV in C#: every phrase placed at its timeline
/// start, silence elsewhere. One audio input keeps the ffmpeg command simple (no filter graph
/// with dozens of inputs) and makes the audio length exactly the timeline's.</summary>
public static class NarrationTrack
{
    /// <summary>Mixes <paramref name="phrases"/> into a 16-bit mono WAV at the first phrase's
    /// sample rate. Phrases in another format (VOICEVOX speaks 24 kHz, espeak-ng 22.05 kHz) are
    /// converted with ffmpeg first.</summary>
    public static async Task<WavFormat> BuildAsync(IReadOnlyList<PhraseAudio> phrases, Timeline timeline, string outputPath,
        string workDirectory, PipelineOptions options, CancellationToken ct)
    {
        var format = WavFormat.Pcm16Mono(phrases.Count > 0 ? phrases[0].Info.Format.SampleRate : 24000);
        var total = (long)Math.Round(timeline.Total * format.SampleRate);
        var mix = new short[total];
        foreach (var phrase in phrases)
        {
            ct.ThrowIfCancellationRequested();
            var source = phrase.Info.Format == format
                ? phrase.Path
                : await ConvertAsync(phrase.Path, format, workDirectory, options, ct);
            var samples = WavFile.ReadPcm16Mono(source);
            var start = (long)Math.Round(timeline.Phrases[phrase.Index].Start * format.SampleRate);
            for (long i = 0; i < samples.Length && start + i < total; i++)
            {
                mix[start + i] = (short)Math.Clamp(mix[start + i] + samples[i], short.MinValue, short.MaxValue);
            }
        }

        await using var file = File.Create(outputPath);
        WavFile.WriteHeader(file, format, total * 2);
        var bytes = new byte[total * 2];
        for (long i = 0; i < total; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan((int)(i * 2)), mix[i]);
        }

        await file.WriteAsync(bytes, ct);
        return format;
    }

    private static async Task<string> ConvertAsync(string path, WavFormat format, string workDirectory, PipelineOptions options, CancellationToken ct)
    {
        var converted = Path.Combine(workDirectory, $"{Path.GetFileNameWithoutExtension(path)}.{format.SampleRate}.wav");
        await ProcessRunner.RunCheckedAsync(
            new ProcessSpec(
                options.FfmpegPath,
                ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", path,
                    "-ac", "1", "-ar", format.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "-c:a", "pcm_s16le", "-f", "wav", converted],
                TimeSpan.FromMinutes(1)),
            ct);
        return converted;
    }
}
