using System.Globalization;
using Microsoft.Extensions.Logging;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Processes;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Slides;
using SkiaSharp;

namespace MovieGen.Pipeline.Video;

/// <summary>Stage 5: <c>output.mp4</c>. Composes one PNG per visual change (the slide plus the
/// current subtitle; pauses reuse the bare slide PNG), mixes the narration into one WAV, and
/// encodes both in a single ffmpeg run at variable frame rate. With characters, each character
/// adds a stream of sprite states (mouth from the phrase's mouth timeline, blinks, speaker
/// highlight) and sections cross-fade.</summary>
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
        var characters = cast.For(script);
        var frames = await ComposeFramesAsync(job, script, timeline, geometry, characters.Count > 0, ct);
        var concat = FfmpegEncoder.WriteConcatScript(frames, Path.Combine(work, "frames.ffconcat"));
        var overlays = await ComposeCharactersAsync(job, characters, phrases, timeline, geometry, ct);
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

    /// <summary>One sprite stream per character: its track of states, each state drawn once.</summary>
    private static async Task<IReadOnlyList<Overlay>> ComposeCharactersAsync(JobDirectory job, IReadOnlyList<CharacterArt> characters,
        IReadOnlyList<PhraseAudio> phrases, Timeline timeline, SlideGeometry geometry, CancellationToken ct)
    {
        if (characters.Count == 0)
        {
            return [];
        }

        var mouths = new List<MouthTimeline>(phrases.Count);
        foreach (var phrase in phrases)
        {
            mouths.Add(File.Exists(phrase.MouthPath) ? await MouthTimeline.LoadAsync(phrase.MouthPath, ct) : LipSync.FromWav(phrase.Path));
        }

        var overlays = new List<Overlay>();
        foreach (var placement in CharacterLayout.Place(characters, geometry.Width, geometry.Height))
        {
            ct.ThrowIfCancellationRequested();
            var persona = placement.Art.PersonaId;
            using var sprites = new CharacterSprites(placement, Path.Combine(job.WorkDirectory, "sprites"));
            var track = CharacterTrack.Build(persona, timeline, mouths, CharacterTrack.Blinks(job.Id, persona, timeline.Total));
            var stills = track.Select(run => new StillFrame(sprites.PathOf(run.State), run.Duration)).ToList();
            var script = FfmpegEncoder.WriteConcatScript(stills, Path.Combine(job.WorkDirectory, $"{persona}.ffconcat"));
            overlays.Add(new Overlay(script, placement.Sprite.Left, placement.Sprite.Top));
        }

        return overlays;
    }

    private async Task<List<StillFrame>> ComposeFramesAsync(JobDirectory job, VideoScript script, Timeline timeline,
        SlideGeometry geometry, bool crossFade, CancellationToken ct)
    {
        var fonts = await fontProvider.GetAsync(ct);
        var subtitles = new SubtitleRenderer(fonts, geometry);
        var narrations = script.Sections.SelectMany(s => s.Narrations).ToList();
        var segments = FramePlan.Build(timeline);
        var paths = new string[segments.Count];
        var slides = new SKBitmap?[script.Sections.Count];
        var fades = new List<StillFrame>?[segments.Count];
        try
        {
            for (var s = 0; s < slides.Length; s++)
            {
                slides[s] = SKBitmap.Decode(job.SlidePath(s))
                    ?? throw new PipelineException(PipelineStep.Video,
                        new UserText($"スライド {s + 1} がないか、読めません。", $"Slide {s + 1} is missing or unreadable."));
            }

            // Two at a time: drawing and PNG encoding are CPU-bound and the box has two cores.
            await Parallel.ForEachAsync(Enumerable.Range(0, segments.Count),
                new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
                (i, _) =>
                {
                    var segment = segments[i];
                    if (segment.Phrase is not { } phrase)
                    {
                        paths[i] = job.SlidePath(segment.Section);
                        var opensSection = segment.Section > 0 && (i == 0 || segments[i - 1].Section != segment.Section);
                        if (crossFade && opensSection)
                        {
                            fades[i] = ComposeCrossFade(slides[segment.Section - 1]!, slides[segment.Section]!, segment.Duration, geometry,
                                Path.Combine(job.WorkDirectory, $"fade_{i.ToString("D4", CultureInfo.InvariantCulture)}"));
                        }

                        return ValueTask.CompletedTask;
                    }

                    var narration = narrations[phrase];
                    var persona = Personas.Get(narration.PersonaId);
                    var japanese = NarrationLanguage.Detect(narration.Text) == NarrationLanguage.Japanese;

                    // On screen the tag names the character drawn; without one, the persona.
                    var art = cast.Pack?.For(persona.Id);
                    var speaker = (japanese ? art?.Manifest.Name : art?.Manifest.NameEn ?? art?.Manifest.Name)
                        ?? (japanese ? persona.NameJa : persona.NameEn);
                    var color = art?.SubtitleColor ?? SKColor.Parse(persona.Color);
                    paths[i] = Path.Combine(job.WorkDirectory, $"frame_{i.ToString("D4", CultureInfo.InvariantCulture)}.png");
                    ComposeFrame(slides[segment.Section]!, new Subtitle(narration.Text, speaker, color), subtitles, geometry, paths[i]);
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

        var frames = new List<StillFrame>();
        for (var i = 0; i < segments.Count; i++)
        {
            var duration = segments[i].Duration;
            foreach (var fade in fades[i] ?? [])
            {
                frames.Add(fade);
                duration -= fade.DurationSeconds;
            }

            frames.Add(new StillFrame(paths[i], duration));
        }

        return frames;
    }

    /// <summary>Frames blending the previous slide into the next one, one per character frame,
    /// over at most <see cref="CrossFadeSeconds"/> (and never the whole pause).</summary>
    private static List<StillFrame> ComposeCrossFade(SKBitmap from, SKBitmap to, double pause, SlideGeometry geometry, string pathPrefix)
    {
        var step = 1.0 / CharacterTrack.FramesPerSecond;
        var count = (int)Math.Floor(Math.Min(CrossFadeSeconds, pause / 2) / step);
        var frames = new List<StillFrame>(count);
        var info = new SKImageInfo(geometry.Width, geometry.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        using var paint = new SKPaint();
        for (var k = 1; k <= count; k++)
        {
            var canvas = surface.Canvas;
            canvas.DrawBitmap(from, 0, 0, SKSamplingOptions.Default, null);
            paint.Color = SKColors.White.WithAlpha((byte)Math.Round(255.0 * k / (count + 1)));
            canvas.DrawBitmap(to, 0, 0, SKSamplingOptions.Default, paint);
            var path = $"{pathPrefix}_{k}.png";
            WritePng(surface, path);
            frames.Add(new StillFrame(path, step));
        }

        return frames;
    }

    private static void ComposeFrame(SKBitmap slide, Subtitle subtitle, SubtitleRenderer renderer, SlideGeometry geometry, string path)
    {
        var info = new SKImageInfo(geometry.Width, geometry.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.DrawBitmap(slide, 0, 0, SKSamplingOptions.Default, null);
        renderer.Draw(canvas, subtitle);
        WritePng(surface, path);
    }

    private static void WritePng(SKSurface surface, string path)
    {
        using var pixmap = surface.PeekPixels();

        // Frames live for one encode: the fastest zlib level costs a little disk and saves most
        // of the encoding time.
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
            ?? throw new InvalidOperationException("PNG encoding of a frame failed.");
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
