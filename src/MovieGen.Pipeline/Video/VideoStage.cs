using System.Globalization;
using Microsoft.Extensions.Logging;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Processes;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Slides;
using SkiaSharp;

namespace MovieGen.Pipeline.Video;

/// <summary>What the encode reads: the ffconcat list of stills and the narration WAV.</summary>
public sealed record VideoInputs(string ConcatScript, string NarrationWav, int Width, int Height, double TotalSeconds, int Frames);

/// <summary>Stage 5: <c>output.mp4</c>. Composes one PNG per visual change (the slide plus the
/// current subtitle; pauses reuse the bare slide PNG), mixes the narration into one WAV, and
/// encodes both in a single ffmpeg run at variable frame rate.</summary>
public sealed class VideoStage(FontProvider fontProvider, PipelineOptions options, ILogger<VideoStage> logger)
{
    public async Task RunAsync(JobDirectory job, VideoScript script, IReadOnlyList<PhraseAudio> phrases, Timeline timeline,
        IProgress<StepProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new StepProgress(PipelineStep.Video, 0, (int)Math.Round(timeline.Total * 1000)));
        JobDirectory.DeleteLeftoverTempFiles(job.Root);
        var inputs = await PrepareAsync(job, script, phrases, timeline, ct);
        logger.LogInformation("Encoding {Frames} stills over {Seconds:0.0} s", inputs.Frames, inputs.TotalSeconds);
        await JobDirectory.CommitAsync(job.VideoPath, temp => EncodeAsync(inputs, temp, FfmpegEncoder.FrameRateMode.Vfr, progress, ct));
        Directory.Delete(job.WorkDirectory, recursive: true);
    }

    /// <summary>Composes the stills and the narration track in the job's work directory.</summary>
    public async Task<VideoInputs> PrepareAsync(JobDirectory job, VideoScript script, IReadOnlyList<PhraseAudio> phrases, Timeline timeline,
        CancellationToken ct)
    {
        var work = job.WorkDirectory;
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        var geometry = SlideGeometry.Parse(options.VideoResolution);
        var frames = await ComposeFramesAsync(job, script, timeline, geometry, ct);
        var concat = FfmpegEncoder.WriteConcatScript(frames, Path.Combine(work, "frames.ffconcat"));
        var narration = Path.Combine(work, "narration.wav");
        await NarrationTrack.BuildAsync(phrases, timeline, narration, work, options, ct);
        return new VideoInputs(concat, narration, geometry.Width, geometry.Height, timeline.Total, frames.Count);
    }

    /// <summary>The ffmpeg run, reporting encoded milliseconds of the timeline.</summary>
    public Task EncodeAsync(VideoInputs inputs, string outputPath, FfmpegEncoder.FrameRateMode mode, IProgress<StepProgress>? progress,
        CancellationToken ct)
    {
        var totalMs = (int)Math.Round(inputs.TotalSeconds * 1000);
        return FfmpegEncoder.EncodeAsync(
            options.FfmpegPath,
            FfmpegEncoder.Arguments(inputs.ConcatScript, inputs.NarrationWav, outputPath, inputs.Width, inputs.Height, mode),
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

    private async Task<List<StillFrame>> ComposeFramesAsync(JobDirectory job, VideoScript script, Timeline timeline,
        SlideGeometry geometry, CancellationToken ct)
    {
        var fonts = await fontProvider.GetAsync(ct);
        var subtitles = new SubtitleRenderer(fonts, geometry);
        var narrations = script.Sections.SelectMany(s => s.Narrations).ToList();
        var segments = FramePlan.Build(timeline);
        var paths = new string[segments.Count];
        var slides = new SKBitmap?[script.Sections.Count];
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
                        return ValueTask.CompletedTask;
                    }

                    var narration = narrations[phrase];
                    var persona = Personas.Get(narration.PersonaId);
                    var speaker = NarrationLanguage.Detect(narration.Text) == NarrationLanguage.Japanese ? persona.NameJa : persona.NameEn;
                    paths[i] = Path.Combine(job.WorkDirectory, $"frame_{i.ToString("D4", CultureInfo.InvariantCulture)}.png");
                    ComposeFrame(slides[segment.Section]!, new Subtitle(narration.Text, speaker, SKColor.Parse(persona.Color)),
                        subtitles, geometry, paths[i]);
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

        return segments.Select((segment, i) => new StillFrame(paths[i], segment.Duration)).ToList();
    }

    private static void ComposeFrame(SKBitmap slide, Subtitle subtitle, SubtitleRenderer renderer, SlideGeometry geometry, string path)
    {
        var info = new SKImageInfo(geometry.Width, geometry.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.DrawBitmap(slide, 0, 0, SKSamplingOptions.Default, null);
        renderer.Draw(canvas, subtitle);
        using var pixmap = surface.PeekPixels();

        // Frames live for one encode: the fastest zlib level costs a little disk and saves most
        // of the encoding time.
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
            ?? throw new InvalidOperationException("PNG encoding of a frame failed.");
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
