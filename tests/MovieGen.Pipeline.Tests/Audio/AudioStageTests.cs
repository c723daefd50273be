using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Audio;

public sealed class AudioStageTests : IDisposable
{
    private readonly string dir = Repo.NewTempDirectory("audio");
    private readonly TaggingSynthesizer synthesizer = new();

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private JobDirectory Job => new(dir);

    [Fact]
    public async Task Each_line_gets_its_own_file_numbered_across_sections_and_reported_in_order()
    {
        var script = LinesPerSection(3, 2, 1);
        var events = new List<StepProgress>();

        var phrases = await Stage().RunAsync(Job, script, new Runner.SyncProgress<StepProgress>(events.Add), CancellationToken.None);

        phrases.Select(p => (p.Index, p.Section)).ShouldBe([(0, 0), (1, 0), (2, 0), (3, 1), (4, 1), (5, 2)]);
        phrases.ShouldAllBe(p => TaggingSynthesizer.TagOf(p.Path) == TaggingSynthesizer.Tag(LineText(script, p.Index)));
        events.Select(e => e.Done).ShouldBe([0, 1, 2, 3, 4, 5, 6]);
        events.ShouldAllBe(e => e.Total == 6 && e.Step == PipelineStep.Audio);
    }

    [Fact]
    public async Task Lines_whose_file_exists_are_not_spoken_again()
    {
        var script = LinesPerSection(2, 2);
        await Stage().RunAsync(Job, script, null, CancellationToken.None);
        File.Delete(Job.PhrasePath(2));
        synthesizer.Spoken.Clear();

        await Stage().RunAsync(Job, script, null, CancellationToken.None);

        synthesizer.Spoken.ShouldBe([LineText(script, 2)]);
    }

    [Fact]
    public async Task Capping_drops_trailing_body_sections_and_moves_the_summary_audio_to_its_new_numbers()
    {
        // Lines last 1 s per character here: hook 2 s, bodies 3 × 20 s, summary 2 s.
        var script = Script(("h", 2), ("b1", 20), ("b2", 20), ("b3", 20), ("s", 2));
        var phrases = await Stage().RunAsync(Job, script, null, CancellationToken.None);
        VideoScript? saved = null;

        var (capped, cappedPhrases) = await Stage().ApplyDurationCapAsync(Job, script, phrases, TimeSpan.FromSeconds(45),
            (s, _) => { saved = s; return Task.CompletedTask; }, CancellationToken.None);

        capped.Sections.Select(s => s.Title).ShouldBe(["h", "b1", "s"]);
        saved.ShouldBeSameAs(capped);
        AudioStage.BuildTimeline(capped, cappedPhrases).Total.ShouldBeLessThanOrEqualTo(45);
        var lines = capped.Sections.SelectMany(s => s.Narrations).ToList();
        Directory.GetFiles(Job.AudioDirectory, "*.wav").Length.ShouldBe(lines.Count, "no stray phrase files remain");
        Directory.GetFiles(Job.AudioDirectory, "*.mouth.json").Length.ShouldBe(lines.Count, "no stray mouth timelines remain");
        for (var i = 0; i < lines.Count; i++)
        {
            TaggingSynthesizer.TagOf(Job.PhrasePath(i)).ShouldBe(TaggingSynthesizer.Tag(lines[i].Text), $"phrase {i} holds its own line");
            (await MouthTimeline.LoadAsync(Job.MouthPath(i), CancellationToken.None)).Source.ShouldBe(lines[i].Text, $"mouth {i} moved with its phrase");
        }
    }

    [Fact]
    public async Task A_crash_while_capping_leaves_only_files_a_rerun_can_trust()
    {
        var script = Script(("h", 2), ("b1", 20), ("b2", 20), ("s", 3));
        var phrases = await Stage().RunAsync(Job, script, null, CancellationToken.None);

        await Should.ThrowAsync<IOException>(() => Stage().ApplyDurationCapAsync(Job, script, phrases, TimeSpan.FromSeconds(30),
            (_, _) => throw new IOException("disk full while saving the script"), CancellationToken.None));
        await Stage().RunAsync(Job, script, null, CancellationToken.None);

        var lines = script.Sections.SelectMany(s => s.Narrations).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            TaggingSynthesizer.TagOf(Job.PhrasePath(i)).ShouldBe(TaggingSynthesizer.Tag(lines[i].Text), $"phrase {i} holds its own line");
            (await MouthTimeline.LoadAsync(Job.MouthPath(i), CancellationToken.None)).Source.ShouldBe(lines[i].Text, $"mouth {i} belongs to its phrase");
        }

        Directory.GetFiles(Job.AudioDirectory, "*.wav").Length.ShouldBe(lines.Count);
        Directory.GetFiles(Job.AudioDirectory).ShouldAllBe(f => !Path.GetFileName(f).StartsWith('.'), "no parked files remain");
    }

    [Fact]
    public async Task Synthesis_failure_leaves_no_file_under_a_final_name()
    {
        var script = Script(("a", 1), ("boom", 1), ("c", 1));
        synthesizer.FailOn = "boom";

        await Should.ThrowAsync<InvalidOperationException>(() => Stage().RunAsync(Job, script, null, CancellationToken.None));

        File.Exists(Job.PhrasePath(1)).ShouldBeFalse();
        File.Exists(Job.MouthPath(1)).ShouldBeFalse();
        Directory.GetFiles(Job.AudioDirectory).ShouldAllBe(f => Path.GetFileName(f).StartsWith("phrase_"));
    }

    private AudioStage Stage() => new(synthesizer, NullLogger<AudioStage>.Instance);

    private static string LineText(VideoScript script, int index) => script.Sections.SelectMany(s => s.Narrations).ElementAt(index).Text;

    private static VideoScript LinesPerSection(params int[] counts) => new()
    {
        Title = "t",
        Sections = counts.Select((count, s) => new ScriptSection
        {
            Title = $"s{s}",
            Narrations = Enumerable.Range(0, count).Select(j => new Narration { Text = $"line {s}.{j}", PersonaId = j % 2 == 0 ? "metan" : "zundamon" }).ToList(),
        }).ToList(),
    };

    /// <summary>Sections of one line each per character count: "h" with 2 → one line of 2 s.</summary>
    private static VideoScript Script(params (string Title, int Seconds)[] sections) => new()
    {
        Title = "t",
        Sections = sections.Select(s => new ScriptSection
        {
            Title = s.Title,
            Narrations = [new Narration { Text = $"{s.Title}:{new string('x', s.Seconds - 1)}", PersonaId = "metan" }],
        }).ToList(),
    };

    /// <summary>Writes 8 kHz silence lasting one second per character, its first sample a tag of
    /// the text, so a file can be traced back to the line it speaks.</summary>
    private sealed class TaggingSynthesizer : ISpeechSynthesizer
    {
        public List<string> Spoken { get; } = [];

        public string? FailOn { get; set; }

        public string Name => "tagging";

        public static short Tag(string text) => (short)(text.Aggregate(17, (h, c) => (h * 31) + c) & 0x7FFF);

        public static short TagOf(string path) => WavFile.ReadPcm16Mono(path)[0];

        /// <summary>The mouth timeline it reports carries the line's text as its source, so a
        /// timeline file can be traced back to its line too.</summary>
        public async Task<MouthTimeline?> SynthesizeAsync(SpeechLine line, string outputPath, CancellationToken ct)
        {
            lock (Spoken)
            {
                Spoken.Add(line.Text);
            }

            await using var file = File.Create(outputPath);
            if (line.Text == FailOn + ":")
            {
                await file.WriteAsync(new byte[10], ct);
                throw new InvalidOperationException("synthesis failed");
            }

            var samples = new byte[line.Text.Length * 8000 * 2];
            BinaryPrimitives.WriteInt16LittleEndian(samples, Tag(line.Text));
            WavFile.WriteHeader(file, WavFormat.Pcm16Mono(8000), samples.Length);
            await file.WriteAsync(samples, ct);
            return new MouthTimeline(line.Text, line.Text.Length, [new MouthCue(0, MouthShape.Open)]);
        }
    }
}
