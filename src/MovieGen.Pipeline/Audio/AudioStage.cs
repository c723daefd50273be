using MovieGen.Pipeline.Script;
using Microsoft.Extensions.Logging;

namespace MovieGen.Pipeline.Audio;

/// <summary>A finished <c>audio/phrase_NNNN.wav</c>: which line of which section it speaks.</summary>
public sealed record PhraseAudio(int Index, int Section, string? PersonaId, string Path, WavInfo Info)
{
    public PhraseClip Clip => new(PersonaId, Info.DurationSeconds);

    /// <summary>Its mouth timeline (<c>phrase_NNNN.mouth.json</c>).</summary>
    public string MouthPath => JobDirectory.MouthPathOf(Path);
}

/// <summary>Stage 3: one WAV per narration line, numbered globally across sections, each with its
/// mouth timeline (from the synthesizer, else from the WAV's loudness). The timeline is written
/// before the WAV is committed, so a finished WAV always has one. Lines whose file already
/// exists are not spoken again, so a rerun resumes where the last one stopped.</summary>
public sealed class AudioStage(ISpeechSynthesizer synthesizer, ILogger<AudioStage> logger)
{
    /// <summary>Two lines at a time: espeak-ng is single-threaded and the target box has two
    /// cores; a VOICEVOX engine serialises synthesis anyway, so more would only queue there.</summary>
    private const int Parallelism = 2;

    public async Task<IReadOnlyList<PhraseAudio>> RunAsync(
        JobDirectory job, VideoScript script, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(job.AudioDirectory);
        JobDirectory.DeleteLeftoverTempFiles(job.AudioDirectory);

        var lines = Lines(script);
        var missing = lines.Where(l => !File.Exists(job.PhrasePath(l.Index))).ToList();
        var done = lines.Count - missing.Count;
        var gate = new Lock();
        progress?.Report(new StepProgress(PipelineStep.Audio, done, lines.Count));
        if (missing.Count > 0)
        {
            logger.LogInformation("Synthesising {Missing} of {Total} phrases with {Synthesizer}",
                missing.Count, lines.Count, synthesizer.Name);
        }

        await Parallel.ForEachAsync(
            missing,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (line, token) =>
            {
                var final = job.PhrasePath(line.Index);
                var temp = JobDirectory.TempPathFor(final);
                try
                {
                    var mouth = await synthesizer.SynthesizeAsync(SpeechLine.From(line.Narration), temp, token);
                    var wav = WavFile.Read(temp);
                    if (wav.DataLength == 0)
                    {
                        throw new InvalidDataException($"{synthesizer.Name} produced no audio for \"{line.Narration.Text}\".");
                    }

                    await FitToAudio(mouth, wav.DurationSeconds, temp).SaveAsync(job.MouthPath(line.Index), token);
                    JobDirectory.Commit(temp, final);
                }
                finally
                {
                    JobDirectory.TryDelete(temp);
                }

                lock (gate)
                {
                    progress?.Report(new StepProgress(PipelineStep.Audio, ++done, lines.Count));
                }
            });

        // Phrases spoken before mouth timelines existed (or by a run that stopped between the two
        // files) get theirs from the audio.
        foreach (var line in lines.Where(l => !File.Exists(job.MouthPath(l.Index))))
        {
            await LipSync.FromWav(job.PhrasePath(line.Index)).SaveAsync(job.MouthPath(line.Index), ct);
        }

        return ReadPhrases(job, script);
    }

    /// <summary>The finished phrase files of <paramref name="script"/>; throws when one is missing.</summary>
    public static IReadOnlyList<PhraseAudio> ReadPhrases(JobDirectory job, VideoScript script) =>
        Lines(script)
            .Select(l =>
            {
                var path = job.PhrasePath(l.Index);
                if (!File.Exists(path))
                {
                    throw new PipelineException(PipelineStep.Audio,
                        new UserText($"{l.Index + 1} 行目のナレーション音声がありません。", $"The narration audio of line {l.Index + 1} is missing."));
                }

                return new PhraseAudio(l.Index, l.Section, l.Narration.PersonaId, path, WavFile.Read(path));
            })
            .ToList();

    public static Timeline BuildTimeline(VideoScript script, IReadOnlyList<PhraseAudio> phrases) =>
        Timeline.Build(Enumerable.Range(0, script.Sections.Count)
            .Select(s => (IReadOnlyList<PhraseClip>)phrases.Where(p => p.Section == s).Select(p => p.Clip).ToList())
            .ToList());

    /// <summary>Enforces MAX_VIDEO_DURATION_MINUTES on the real audio: drops trailing body
    /// sections (see <see cref="DurationCap"/>), saves the shortened script through
    /// <paramref name="saveScript"/> and renumbers the phrase files to match. Every intermediate
    /// state is one a rerun handles correctly: a phrase file is either absent or holds the line
    /// the script on disk puts at its index (files are parked under temporary names while the
    /// script is rewritten; a crash there costs a re-synthesis, never a wrong line).</summary>
    /// <returns>The script and phrases to go on with (unchanged when the video already fits).</returns>
    public async Task<(VideoScript Script, IReadOnlyList<PhraseAudio> Phrases)> ApplyDurationCapAsync(
        JobDirectory job, VideoScript script, IReadOnlyList<PhraseAudio> phrases, TimeSpan cap,
        Func<VideoScript, CancellationToken, Task> saveScript, CancellationToken ct)
    {
        var clips = Enumerable.Range(0, script.Sections.Count)
            .Select(s => (IReadOnlyList<PhraseClip>)phrases.Where(p => p.Section == s).Select(p => p.Clip).ToList())
            .ToList();
        var keep = DurationCap.SectionsToKeep(clips, cap)
            ?? throw new PipelineException(PipelineStep.Audio,
                new UserText($"本文のセクションを除いても、ナレーションが動画の最大の長さ（{cap.TotalMinutes:0.#} 分）を超えます。",
                    $"The narration is longer than the maximum video length ({cap.TotalMinutes:0.#} min) even without its body sections."));
        if (keep.Count == script.Sections.Count)
        {
            return (script, phrases);
        }

        var before = BuildTimeline(script, phrases).Total;
        var firstPhraseOf = new int[script.Sections.Count];
        for (int s = 0, index = 0; s < script.Sections.Count; index += script.Sections[s].Narrations.Count, s++)
        {
            firstPhraseOf[s] = index;
        }

        var moves = new List<(string From, string Parked, string To)>();
        var newIndex = 0;
        foreach (var s in keep)
        {
            for (var j = 0; j < script.Sections[s].Narrations.Count; j++, newIndex++)
            {
                var old = firstPhraseOf[s] + j;
                if (old != newIndex)
                {
                    var to = job.PhrasePath(newIndex);
                    moves.Add((job.PhrasePath(old), JobDirectory.TempPathFor(to), to));
                }
            }
        }

        foreach (var (from, parked, _) in moves)
        {
            File.Move(from, parked);
            MoveMouth(from, parked);
        }

        var keptSet = keep.ToHashSet();
        foreach (var phrase in phrases.Where(p => !keptSet.Contains(p.Section)))
        {
            JobDirectory.TryDelete(phrase.Path);
            JobDirectory.TryDelete(phrase.MouthPath);
        }

        var shortened = new VideoScript
        {
            Title = script.Title,
            Description = script.Description,
            Sections = keep.Select(s => script.Sections[s]).ToList(),
            RoleAssignments = script.RoleAssignments,
        };
        await saveScript(shortened, ct);

        foreach (var (_, parked, to) in moves)
        {
            // The timeline first: a WAV under its final name always has its own beside it.
            MoveMouth(parked, to);
            File.Move(parked, to, overwrite: true);
        }

        var result = ReadPhrases(job, shortened);
        logger.LogInformation(
            "Narration of {Before:0.0} s exceeded the {Cap:0.#} min cap: dropped {Dropped} body section(s), now {After:0.0} s",
            before, cap.TotalMinutes, script.Sections.Count - keep.Count, BuildTimeline(shortened, result).Total);
        return (shortened, result);
    }

    /// <summary>The synthesizer's timeline, spread over the real audio when the two disagree by
    /// more than a tenth (an engine that speaks at other lengths than its query says, such as a
    /// VOICEVOX-compatible one); the WAV's loudness when the synthesizer gave none.</summary>
    private static MouthTimeline FitToAudio(MouthTimeline? mouth, double seconds, string wav) =>
        mouth is null ? LipSync.FromWav(wav)
        : Math.Abs(mouth.Duration - seconds) > (0.1 * seconds) + 0.05 ? mouth.StretchTo(seconds)
        : mouth;

    private static void MoveMouth(string fromPhrase, string toPhrase)
    {
        var from = JobDirectory.MouthPathOf(fromPhrase);
        if (File.Exists(from))
        {
            File.Move(from, JobDirectory.MouthPathOf(toPhrase), overwrite: true);
        }
        else
        {
            JobDirectory.TryDelete(JobDirectory.MouthPathOf(toPhrase));
        }
    }

    private static List<ScriptLine> Lines(VideoScript script)
    {
        var lines = new List<ScriptLine>();
        for (var s = 0; s < script.Sections.Count; s++)
        {
            foreach (var narration in script.Sections[s].Narrations)
            {
                lines.Add(new ScriptLine(lines.Count, s, narration));
            }
        }

        return lines;
    }

    private sealed record ScriptLine(int Index, int Section, Narration Narration);
}
