using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Audio;

public sealed class EspeakSynthesizerTests : IDisposable
{
    private readonly string dir = Repo.NewTempDirectory("espeak");
    private readonly EspeakSynthesizer espeak = new(new PipelineOptions());

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task An_english_line_becomes_a_mono_wav_of_plausible_length()
    {
        var path = Path.Combine(dir, "en.wav");

        await espeak.SynthesizeAsync(new SpeechLine("Write-ahead logging lets readers and writers work at once.", "", Personas.Metan, "en"),
            path, CancellationToken.None);

        var info = WavFile.Read(path);
        info.Format.Channels.ShouldBe(1);
        info.Format.BitsPerSample.ShouldBe(16);
        info.DurationSeconds.ShouldBeInRange(1.5, 8);
    }

    [Fact]
    public async Task A_kanji_heavy_japanese_line_spoken_from_its_reading_is_no_longer_than_the_kana_sentence()
    {
        // The reading is what MeCab gives for the text (long vowels spelled out, as the script writer does).
        const string text = "日本語音声合成技術研究所の最新成果を発表します。";
        const string reading = "にほんごおんせいごうせいぎじゅつけんきゅうしょのさいしんせいかをはっぴょうします。";

        var fromReading = await DurationAsync(new SpeechLine(text, reading, Personas.Zundamon, "ja"));
        var kana = await DurationAsync(new SpeechLine(reading, "", Personas.Zundamon, "ja"));
        var kanjiAsWritten = await DurationAsync(new SpeechLine(text, "", Personas.Zundamon, "ja"));

        fromReading.ShouldBeLessThanOrEqualTo(kana * 1.5);
        kanjiAsWritten.ShouldBeGreaterThan(kana * 1.5, "without the reading espeak-ng says 'Chinese letter' per kanji — what the reading avoids");
    }

    [Fact]
    public async Task Personas_get_different_voices()
    {
        var metan = await SamplesAsync(new SpeechLine("こんにちは", "", Personas.Metan, "ja"));
        var zundamon = await SamplesAsync(new SpeechLine("こんにちは", "", Personas.Zundamon, "ja"));

        metan.SequenceEqual(zundamon).ShouldBeFalse();
    }

    private async Task<double> DurationAsync(SpeechLine line)
    {
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.wav");
        await espeak.SynthesizeAsync(line, path, CancellationToken.None);
        return WavFile.Read(path).DurationSeconds;
    }

    private async Task<short[]> SamplesAsync(SpeechLine line)
    {
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.wav");
        await espeak.SynthesizeAsync(line, path, CancellationToken.None);
        return WavFile.ReadPcm16Mono(path);
    }
}
