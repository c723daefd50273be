using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Video;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Video;

public sealed class NarrationTrackTests : IDisposable
{
    private readonly string dir = Repo.NewTempDirectory("track");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Phrases_sit_at_their_timeline_starts_with_silence_between_even_when_sample_rates_differ()
    {
        var espeak = new EspeakSynthesizer(new PipelineOptions());
        var first = Path.Combine(dir, "a.wav");
        await espeak.SynthesizeAsync(new SpeechLine("はじめまして", "", Personas.Metan, "ja"), first, CancellationToken.None);
        var second = Path.Combine(dir, "b24k.wav");
        await Processes.ProcessRunner.RunCheckedAsync(new Processes.ProcessSpec("ffmpeg",
            ["-v", "error", "-y", "-i", first, "-ar", "24000", "-ac", "2", second], TimeSpan.FromSeconds(30)), CancellationToken.None);
        var phrases = new[]
        {
            new PhraseAudio(0, 0, "metan", first, WavFile.Read(first)),
            new PhraseAudio(1, 0, "zundamon", second, WavFile.Read(second)),
        };
        var timeline = Timeline.Build([phrases.Select(p => p.Clip).ToList()]);
        var output = Path.Combine(dir, "narration.wav");

        var format = await NarrationTrack.BuildAsync(phrases, timeline, output, dir, new PipelineOptions(), CancellationToken.None);

        format.ShouldBe(WavFormat.Pcm16Mono(22050));
        WavFile.Read(output).DurationSeconds.ShouldBe(timeline.Total, 0.001);
        var samples = WavFile.ReadPcm16Mono(output);
        Loudness(samples, 0, timeline.Phrases[0].Start).ShouldBe(0, "silence before the first line");
        Loudness(samples, timeline.Phrases[0].End, timeline.Phrases[1].Start).ShouldBe(0, "silence in the speaker-change pause");
        Loudness(samples, timeline.Phrases[0].Start, timeline.Phrases[0].End).ShouldBeGreaterThan(100);
        Loudness(samples, timeline.Phrases[1].Start, timeline.Phrases[1].End).ShouldBeGreaterThan(100, "the 24 kHz stereo line was converted, not dropped");
        Loudness(samples, timeline.Phrases[1].End + 0.01, timeline.Total).ShouldBe(0);
    }

    private static double Loudness(short[] samples, double from, double to) =>
        samples.Skip((int)(from * 22050)).Take((int)((to - from) * 22050)).Select(s => (double)Math.Abs((int)s)).DefaultIfEmpty(0).Average();
}
