using System.Globalization;
using Microsoft.Extensions.Logging;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Processes;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Slides;
using SkiaSharp;

namespace MovieGen.Pipeline.Video;

/// <summary>Stage 5: <c>output.mp4</c>. Composes one still per visual change (the slide plus the
/// current subtitle; pauses show the bare slide, one still per section), mixes the narration into one WAV, and
/// encodes both in a single ffmpeg run at variable frame rate. With characters, the stills also
/// hold the characters' bodies (a new still where the speaker changes), each character adds a
/// stream of face states (mouth from the phrase's mouth timeline, blinks) laid over its body,
/// and sections cross-fade.</summary>
public sealed class VideoStage(FontProvider fontProvider, CharacterCast cast, PipelineOptions options, ILogger<VideoStage> logger)
{
    /// <summary>How long a change of section cross-fades (with characters on screen).</summary>
    public const double CrossFadeSeconds = 0.4;

    public async Task RunAsync(JobDirectory job, VideoScript script, IReadOnlyList<PhraseAudio> phrases, Timeline timeline,
        IProgress<StepProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new StepProgress(PipelineStep.Video, 0, (int)Math.Round(timeline.Total * 1000)));
        JobDirectory.DeleteLeftoverTempFiles(job.Root);
        var inputs = await PrepareAsync(job, script, phrases, timeline, ct);
        logger.LogInformation("Encoding {Frames} stills and {Characters} character stream(s) over {Seconds:0.0} s",
            inputs.Frames, inputs.Overlays.Count, inputs.TotalSeconds);
        await JobDirectory.CommitAsync(job.VideoPath, temp => EncodeAsync(inputs, temp, FfmpegEncoder.FrameRateMode.Vfr, progress, ct));
        Directory.Delete(job.WorkDirectory, recursive: true);
    }

    /// <summary>Composes the stills, the character sprite streams and the narration track in the
    /// job's work directory.</summary>
    public async Task<VideoInputs> PrepareAsync(JobDirectory job, VideoScript script, IReadOnlyList<PhraseAudio> phrases, Timeline timeline,
        CancellationToken ct)
    {
        var work = job.WorkDirectory;
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        var geometry = cast.Geometry();
        using var scene = cast.For(script) is { Count: > 0 } characters
            ? await CharacterScene.CreateAsync(job, characters, phrases, timeline, geometry, ct)
            : null;
        var frames = await ComposeFramesAsync(job, script, timeline, geometry, scene, ct);
        var concat = FfmpegEncoder.WriteConcatScript(frames, Path.Combine(work, "frames.ffconcat"));
        var overlays = scene?.WriteFaces(work) ?? [];
        var narration = Path.Combine(work, "narration.wav");
        await NarrationTrack.BuildAsync(phrases, timeline, narration, work, options, ct);
        var music = string.IsNullOrWhiteSpace(options.BgmPath) ? null : new Music(Path.GetFullPath(options.BgmPath), options.BgmVolume);
        return new VideoInputs(concat, narration, geometry.Width, geometry.Height, timeline.Total, frames.Count, overlays, music);
    }

    /// <summary>The ffmpeg run, reporting encoded milliseconds of the timeline.</summary>
    public Task EncodeAsync(VideoInputs inputs, string outputPath, FfmpegEncoder.FrameRateMode mode, IProgress<StepProgress>? progress,
        CancellationToken ct)
    {
        var totalMs = (int)Math.Round(inputs.TotalSeconds * 1000);
        return FfmpegEncoder.EncodeAsync(
            options.FfmpegPath,
            FfmpegEncoder.Arguments(inputs, outputPath, mode),
            inputs.TotalSeconds,
            TimeSpan.FromSeconds(options.FfmpegStallTimeoutSeconds),
            ms => progress?.Report(new StepProgress(PipelineStep.Video, ms, totalMs)),
            ct);
    }

    /// <summary>The duration ffprobe reads from a finished video, or null when it cannot.</summary>
    public static async Task<double?> ProbeDurationAsync(string path, PipelineOptions options, CancellationToken ct)
    {
        try
        {
            var result = await ProcessRunner.RunCheckedAsync(
                new ProcessSpec(options.FfprobePath,
                    ["-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", path],
                    TimeSpan.FromSeconds(30)),
                ct);
            return double.TryParse(result.StandardOutput.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                ? seconds
                : null;
        }
        catch (ProcessFailedException)
        {
            return null;
        }
    }

    /// <summary>What one still shows: a section's slide (or step <paramref name="FadeStep"/> of
    /// <paramref name="FadeSteps"/> of the cross-fade into it from the previous slide), the
    /// subtitle of <paramref name="Phrase"/> while it is spoken, and the characters' bodies in
    /// <paramref name="Pose"/>.</summary>
    private sealed record Picture(int Section, int? Phrase, int FadeStep, int FadeSteps, int Pose);

    /// <summary>A picture on screen from <paramref name="Start"/> to <paramref name="End"/>.</summary>
    private sealed record Piece(Picture Picture, double Start, double End);

    /// <summary>Stills shorter than this are folded into the one before: a subtitle that changes
    /// within a millisecond of a pose is the same frame at any frame rate.</summary>
    private const double ShortestStill = 0.001;

    private async Task<List<StillFrame>> ComposeFramesAsync(JobDirectory job, VideoScript script, Timeline timeline,
        SlideGeometry geometry, CharacterScene? scene, CancellationToken ct)
    {
        var fonts = await fontProvider.GetAsync(ct);
        var subtitles = new SubtitleRenderer(fonts, geometry);
        var narrations = script.Sections.SelectMany(s => s.Narrations).ToList();
        var pieces = Pieces(FramePlan.Build(timeline), scene);
        var pictures = pieces.Select(p => p.Picture).Distinct().ToList();
        var paths = new string[pictures.Count];
        var slides = new SKBitmap?[script.Sections.Count];
        try
        {
            for (var s = 0; s < slides.Length; s++)
            {
                slides[s] = SKBitmap.Decode(job.SlidePath(s))
                    ?? throw new PipelineException(PipelineStep.Video,
                        new UserText($"スライド {s + 1} がないか、読めません。", $"Slide {s + 1} is missing or unreadable."));
            }

            // Two at a time: drawing and encoding the stills are CPU-bound and the box has two cores.
            await Parallel.ForEachAsync(Enumerable.Range(0, pictures.Count),
                new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
                (i, _) =>
                {
                    var picture = pictures[i];
                    paths[i] = Path.Combine(job.WorkDirectory, $"still_{i.ToString("D4", CultureInfo.InvariantCulture)}{StillImage.Extension}");
                    var subtitle = picture.Phrase is { } phrase ? SubtitleOf(narrations[phrase]) : null;
                    Compose(picture, slides, subtitle, subtitles, scene, geometry, paths[i]);
                    return ValueTask.CompletedTask;
                });
        }
        finally
        {
            foreach (var slide in slides)
            {
                slide?.Dispose();
            }
        }

        var pathOf = pictures.Zip(paths).ToDictionary();
        var frames = new List<StillFrame>(pieces.Count);
        foreach (var piece in pieces)
        {
            var path = pathOf[piece.Picture];
            var duration = piece.End - piece.Start;
            if (frames.Count > 0 && (duration < ShortestStill || frames[^1].Path == path))
            {
                frames[^1] = frames[^1] with { DurationSeconds = frames[^1].DurationSeconds + duration };
            }
            else
            {
                frames.Add(new StillFrame(path, duration));
            }
        }

        return frames;
    }

    /// <summary>The subtitle of a line: its text, and the name and colour of who says it (on
    /// screen the tag names the character drawn; without one, the persona).</summary>
    private Subtitle SubtitleOf(Narration narration)
    {
        var persona = Personas.Get(narration.PersonaId);
        var japanese = NarrationLanguage.Detect(narration.Text) == NarrationLanguage.Japanese;
        var art = cast.Pack?.For(persona.Id);
        var speaker = (japanese ? art?.Manifest.Name : art?.Manifest.NameEn ?? art?.Manifest.Name)
            ?? (japanese ? persona.NameJa : persona.NameEn);
        return new Subtitle(narration.Text, speaker, art?.SubtitleColor ?? SKColor.Parse(persona.Color));
    }

    /// <summary>One piece per segment of the frame plan. With characters, a pause that opens a
    /// section begins with the cross-fade (one step per character frame, over at most
    /// <see cref="CrossFadeSeconds"/> and never more than half the pause), and every piece is cut
    /// where the characters' pose changes.</summary>
    private static List<Piece> Pieces(IReadOnlyList<FrameSegment> segments, CharacterScene? scene)
    {
        var pieces = new List<Piece>(segments.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var start = segment.Start;
            var opensSection = segment.Phrase is null && segment.Section > 0 && (i == 0 || segments[i - 1].Section != segment.Section);
            if (scene is not null && opensSection)
            {
                var step = 1.0 / CharacterTrack.FramesPerSecond;
                var steps = (int)Math.Floor(Math.Min(CrossFadeSeconds, segment.Duration / 2) / step);
                for (var k = 1; k <= steps; k++, start += step)
                {
                    pieces.Add(new Piece(new Picture(segment.Section, null, k, steps, 0), start, start + step));
                }
            }

            pieces.Add(new Piece(new Picture(segment.Section, segment.Phrase, 0, 0, 0), start, segment.End));
        }

        if (scene is null)
        {
            return pieces;
        }

        var poses = scene.Poses;
        var posed = new List<Piece>(pieces.Count + poses.Count);
        var first = 0;
        foreach (var piece in pieces)
        {
            while (first < poses.Count - 1 && poses[first].End <= piece.Start)
            {
                first++;
            }

            for (var k = first; k < poses.Count && poses[k].Start < piece.End; k++)
            {
                posed.Add(new Piece(piece.Picture with { Pose = poses[k].Pose }, Math.Max(piece.Start, poses[k].Start), Math.Min(piece.End, poses[k].End)));
            }
        }

        return posed;
    }

    private static void Compose(Picture picture, SKBitmap?[] slides, Subtitle? subtitle, SubtitleRenderer renderer, CharacterScene? scene,
        SlideGeometry geometry, string path)
    {
        var info = new SKImageInfo(geometry.Width, geometry.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.DrawBitmap(slides[picture.FadeStep > 0 ? picture.Section - 1 : picture.Section]!, 0, 0, SKSamplingOptions.Default, null);
        if (picture.FadeStep > 0)
        {
            using var paint = new SKPaint { Color = SKColors.White.WithAlpha((byte)Math.Round(255.0 * picture.FadeStep / (picture.FadeSteps + 1))) };
            canvas.DrawBitmap(slides[picture.Section]!, 0, 0, SKSamplingOptions.Default, paint);
        }

        if (subtitle is not null)
        {
            renderer.Draw(canvas, subtitle);
        }

        scene?.DrawBodies(canvas, picture.Pose);
        StillImage.Write(surface, path);
    }
}
