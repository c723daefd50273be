using System.Text.Json.Nodes;

namespace MovieGen.Pipeline.Audio;

/// <summary>Mouth timelines from speech (shared/DESIGN.md §8): from a WAV's loudness, or from the
/// moras of a VOICEVOX <c>audio_query</c>, so the mouth is shut in pauses and between words.</summary>
public static class LipSync
{
    /// <summary>One mouth shape per window, finer than the video's character frame rate (10 fps), which samples it.</summary>
    public const double WindowSeconds = 1.0 / 15;

    /// <summary>Loudness relative to the line's loudest window at which the mouth is half open / open.</summary>
    public const double HalfThreshold = 0.2;
    public const double OpenThreshold = 0.5;

    /// <summary>A line whose loudest window is below this (RMS, full scale 1) is silence: mouth shut.</summary>
    private const double SilentRms = 0.003;

    public static MouthTimeline FromWav(string path)
    {
        var info = WavFile.Read(path);
        return FromSamples(WavFile.ReadMono(path), info.Format.SampleRate);
    }

    /// <summary>The RMS of every ~1/15 s window compared with the loudest window of the line
    /// (so a quiet voice opens its mouth as wide as a loud one).</summary>
    public static MouthTimeline FromSamples(ReadOnlySpan<float> samples, int sampleRate)
    {
        var window = Math.Max(1, (int)Math.Round(sampleRate * WindowSeconds));
        var count = (samples.Length + window - 1) / window;
        var rms = new double[count];
        for (var w = 0; w < count; w++)
        {
            var part = samples.Slice(w * window, Math.Min(window, samples.Length - (w * window)));
            double sum = 0;
            foreach (var s in part)
            {
                sum += s * s;
            }

            rms[w] = Math.Sqrt(sum / part.Length);
        }

        var peak = rms.DefaultIfEmpty(0).Max();
        var runs = new List<(double, MouthShape)>(count);
        for (var w = 0; w < count; w++)
        {
            var length = Math.Min(window, samples.Length - (w * window)) / (double)sampleRate;
            var ratio = peak < SilentRms ? 0 : rms[w] / peak;
            runs.Add((length, ratio >= OpenThreshold ? MouthShape.Open : ratio >= HalfThreshold ? MouthShape.Half : MouthShape.Closed));
        }

        return MouthTimeline.FromRuns(MouthTimeline.Loudness, runs);
    }

    /// <summary>The mouth as the engine will speak <paramref name="query"/>, following the engine's
    /// own order (voicevox_engine tts_engine.py): the upspeak mora (same vowel, 0.15 s) appended to
    /// an interrogative phrase that ends voiced, silence of prePhonemeLength before and
    /// postPhonemeLength after, pauseLength / pauseLengthScale on pause moras, and then every
    /// length divided by speedScale. Vowels a/e/o open the mouth, i/u half; consonants, N, cl,
    /// pauses and silence keep it shut; devoiced vowels (upper case) barely move it.</summary>
    public static MouthTimeline FromVoicevoxQuery(JsonObject query)
    {
        var speed = Number(query["speedScale"]) is { } s and > 0 ? s : 1.0;
        var pauseLength = Number(query["pauseLength"]);
        var pauseScale = Number(query["pauseLengthScale"]) ?? 1.0;
        var runs = new List<(double, MouthShape)> { ((Number(query["prePhonemeLength"]) ?? 0) / speed, MouthShape.Closed) };

        foreach (var phrase in query["accent_phrases"]?.AsArray() ?? [])
        {
            var moras = phrase?["moras"]?.AsArray() ?? [];
            foreach (var mora in moras)
            {
                AddMora(mora);
            }

            if (phrase?["is_interrogative"]?.GetValue<bool>() == true && moras.Count > 0 && (Number(moras[^1]?["pitch"]) ?? 0) > 0)
            {
                runs.Add((0.15 / speed, ShapeOfVowel(moras[^1]?["vowel"]?.GetValue<string>())));
            }

            if (phrase?["pause_mora"] is JsonObject pause)
            {
                var length = pauseLength ?? Number(pause["vowel_length"]) ?? 0;
                runs.Add((length * pauseScale / speed, MouthShape.Closed));
            }
        }

        runs.Add(((Number(query["postPhonemeLength"]) ?? 0) / speed, MouthShape.Closed));
        return MouthTimeline.FromRuns(MouthTimeline.Voicevox, runs);

        void AddMora(JsonNode? mora)
        {
            if (mora is null)
            {
                return;
            }

            runs.Add(((Number(mora["consonant_length"]) ?? 0) / speed, MouthShape.Closed));
            runs.Add(((Number(mora["vowel_length"]) ?? 0) / speed, ShapeOfVowel(mora["vowel"]?.GetValue<string>())));
        }
    }

    private static MouthShape ShapeOfVowel(string? vowel) => vowel switch
    {
        "a" or "e" or "o" => MouthShape.Open,
        "i" or "u" => MouthShape.Half,
        "A" or "E" or "O" => MouthShape.Half,
        _ => MouthShape.Closed, // N, cl, pau, sil, devoiced I/U
    };

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var d) ? d : null;
}
