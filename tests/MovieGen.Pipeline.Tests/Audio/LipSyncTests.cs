using System.Text.Json.Nodes;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Audio;

public sealed class LipSyncTests : IDisposable
{
    private readonly string dir = Repo.NewTempDirectory("lipsync");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("metan")]
    [InlineData("zundamon")]
    public async Task From_an_espeak_wav_the_mouth_opens_in_loud_windows_and_stays_shut_in_silence(string persona)
    {
        // Half a second of silence on both sides of a real spoken line.
        var spoken = Path.Combine(dir, "spoken.wav");
        await new EspeakSynthesizer(new PipelineOptions()).SynthesizeAsync(
            new SpeechLine("あかさたな、はまやらわ", "", Personas.Get(persona), "ja"), spoken, CancellationToken.None);
        var voice = WavFile.ReadMono(spoken);
        var rate = WavFile.Read(spoken).Format.SampleRate;
        var padded = new float[voice.Length + rate];
        voice.CopyTo(padded, rate / 2);

        var mouth = LipSync.FromSamples(padded, rate);

        mouth.Duration.ShouldBe(padded.Length / (double)rate, 0.001);
        mouth.ShapeAt(0.2).ShouldBe(MouthShape.Closed, "silence before the line");
        mouth.ShapeAt(mouth.Duration - 0.2).ShouldBe(MouthShape.Closed, "silence after the line");
        var loudest = LoudestWindow(padded, rate);
        mouth.ShapeAt(loudest).ShouldBe(MouthShape.Open, "the loudest window");
        var speaking = mouth.Cues.Where(c => c.Start >= 0.5 && c.Start < mouth.Duration - 0.5).ToList();
        speaking.Count(c => c.Shape == MouthShape.Open).ShouldBeGreaterThan(2, "the mouth opens again and again while speaking");
        speaking.ShouldContain(c => c.Shape != MouthShape.Open, "and closes or half closes between syllables");
    }

    [Fact]
    public void Loudness_is_judged_against_the_lines_own_peak()
    {
        // 0.4 s silence, 0.4 s at full level, 0.4 s at 30 % of it (half open), 0.4 s at 10 % (shut), 0.4 s silence.
        const int rate = 16000;
        var samples = new List<float>();
        foreach (var level in new[] { 0, 0.5f, 0.15f, 0.05f, 0 })
        {
            samples.AddRange(Enumerable.Range(0, (int)(rate * 0.4)).Select(i => level * MathF.Sin(i * 0.2f)));
        }

        var mouth = LipSync.FromSamples(samples.ToArray(), rate);

        mouth.ShapeAt(0.2).ShouldBe(MouthShape.Closed);
        mouth.ShapeAt(0.6).ShouldBe(MouthShape.Open);
        mouth.ShapeAt(1.0).ShouldBe(MouthShape.Half);
        mouth.ShapeAt(1.4).ShouldBe(MouthShape.Closed);
        mouth.ShapeAt(1.8).ShouldBe(MouthShape.Closed);
        mouth.Cues.Zip(mouth.Cues.Skip(1)).ShouldAllBe(p => p.First.Shape != p.Second.Shape, "neighbouring windows of one shape are merged");
    }

    [Fact]
    public void A_silent_line_keeps_the_mouth_shut()
    {
        var mouth = LipSync.FromSamples(new float[8000], 8000);

        mouth.Cues.ShouldBe([new MouthCue(0, MouthShape.Closed)]);
        mouth.Duration.ShouldBe(1, 1e-9);
    }

    /// <summary>Expected shapes of Audio/Fixtures/audio_query_genki.json (こんにちは、元気ですか？)
    /// spoken at speedScale 1.25, so every length is 0.8 of the query's: pre 0.08 s silence; コ
    /// k 0.048 + o 0.08; ン 0.064; ニ n 0.032 + i 0.072; … ワ a at 0.536–0.656; pause 0.28;
    /// ゲ e at 0.976–1.056; … ス s + devoiced U at 1.328–1.44; カ a at 1.496–1.608; the
    /// interrogative phrase's upspeak mora (a, 0.15 s → 0.12) at 1.608–1.728; post 0.08 s.</summary>
    [Theory]
    [InlineData(0.04, MouthShape.Closed)] // prePhonemeLength
    [InlineData(0.10, MouthShape.Closed)] // consonant k
    [InlineData(0.17, MouthShape.Open)] // コ's o
    [InlineData(0.24, MouthShape.Closed)] // ン
    [InlineData(0.34, MouthShape.Half)] // ニ's i
    [InlineData(0.60, MouthShape.Open)] // ワ's a
    [InlineData(0.80, MouthShape.Closed)] // the pause mora 、
    [InlineData(1.00, MouthShape.Open)] // ゲ's e
    [InlineData(1.19, MouthShape.Half)] // キ's i
    [InlineData(1.41, MouthShape.Closed)] // ス's devoiced U
    [InlineData(1.55, MouthShape.Open)] // カ's a
    [InlineData(1.66, MouthShape.Open)] // the engine's upspeak mora of the question
    [InlineData(1.77, MouthShape.Closed)] // postPhonemeLength
    public async Task From_a_voicevox_audio_query_the_mouth_follows_the_moras_at_the_configured_speed(double at, MouthShape expected)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Audio", "Fixtures", "audio_query_genki.json"));
        using var engine = await FakeVoicevox.StartAsync(queryJson: query);
        using var http = new HttpClient();
        var synthesizer = new VoicevoxSynthesizer(http, new PipelineOptions { VoicevoxUrl = engine.Url, VoicevoxSpeed = 1.25 });

        var mouth = await synthesizer.SynthesizeAsync(
            new SpeechLine("こんにちは、元気ですか？", "", Personas.Zundamon, "ja"), Path.Combine(dir, "vv.wav"), CancellationToken.None);

        mouth.ShouldNotBeNull();
        mouth.Source.ShouldBe(MouthTimeline.Voicevox);
        mouth.Duration.ShouldBe(1.808, 0.0005);
        mouth.ShapeAt(at).ShouldBe(expected);
    }

    [Fact]
    public void A_timeline_can_be_spread_over_audio_of_another_length()
    {
        var mouth = MouthTimeline.FromRuns(MouthTimeline.Voicevox, [(0.5, MouthShape.Closed), (0.5, MouthShape.Open)]);

        var stretched = mouth.StretchTo(2);

        stretched.Duration.ShouldBe(2);
        stretched.Cues.ShouldBe([new MouthCue(0, MouthShape.Closed), new MouthCue(1, MouthShape.Open)]);
        stretched.Source.ShouldBe(MouthTimeline.Voicevox);
    }

    [Fact]
    public void Pause_length_settings_of_newer_engines_change_the_pause()
    {
        var query = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Audio", "Fixtures", "audio_query_genki.json")))!.AsObject();
        query["pauseLength"] = 0.5;
        query["pauseLengthScale"] = 2.0;

        var mouth = LipSync.FromVoicevoxQuery(query);

        // At speed 1.0 the pause starts at 0.82 s and lasts 0.5 × 2 = 1.0 s instead of 0.35 s.
        mouth.ShapeAt(1.7).ShouldBe(MouthShape.Closed);
        mouth.Duration.ShouldBe(2.26 - 0.35 + 1.0, 0.0005);
    }

    [Fact]
    public async Task A_mouth_timeline_survives_its_file()
    {
        var mouth = MouthTimeline.FromRuns(MouthTimeline.Loudness, [(0.1, MouthShape.Closed), (0.2, MouthShape.Open), (0.1, MouthShape.Half)]);
        var path = Path.Combine(dir, "m.mouth.json");

        await mouth.SaveAsync(path, CancellationToken.None);
        var loaded = await MouthTimeline.LoadAsync(path, CancellationToken.None);

        (loaded.Source, loaded.Duration).ShouldBe((mouth.Source, mouth.Duration));
        loaded.Cues.ShouldBe(mouth.Cues);
        (await File.ReadAllTextAsync(path)).ShouldContain("\"open\"", Case.Insensitive);
    }

    private static double LoudestWindow(float[] samples, int rate)
    {
        var window = (int)(rate / 15.0);
        var best = 0;
        var bestRms = 0.0;
        for (var start = 0; start + window <= samples.Length; start += window)
        {
            var rms = Math.Sqrt(samples.Skip(start).Take(window).Sum(s => (double)s * s) / window);
            if (rms > bestRms)
            {
                bestRms = rms;
                best = start;
            }
        }

        return (best + (window / 2.0)) / rate;
    }
}
