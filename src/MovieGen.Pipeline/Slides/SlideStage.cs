using Microsoft.Extensions.Logging;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Slides;

/// <summary>Stage 4: one 16:9 PNG per section at the output resolution, leaving the characters'
/// room free when they are on screen (the last slide then carries their credit line). Slides
/// that already exist are kept, so a rerun only draws what is missing.</summary>
public sealed class SlideStage(FontProvider fontProvider, SlideImageLoader images, CharacterCast cast, ILogger<SlideStage> logger)
{
    public async Task<IReadOnlyList<string>> RunAsync(
        JobDirectory job, VideoScript script, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(job.SlidesDirectory);
        JobDirectory.DeleteLeftoverTempFiles(job.SlidesDirectory);
        var count = script.Sections.Count;
        var missing = Enumerable.Range(0, count).Where(i => !File.Exists(job.SlidePath(i))).ToList();
        var done = count - missing.Count;
        var gate = new Lock();
        progress?.Report(new StepProgress(PipelineStep.Slides, done, count));
        if (missing.Count == 0)
        {
            return Enumerable.Range(0, count).Select(job.SlidePath).ToList();
        }

        var fonts = await fontProvider.GetAsync(ct);
        var renderer = new SlideRenderer(fonts, cast.Geometry());
        var credit = cast.CreditLine(script);
        logger.LogInformation("Drawing {Missing} of {Total} slides", missing.Count, count);

        // Two at a time: the image downloads overlap with drawing and PNG encoding.
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, async (i, token) =>
        {
            var section = script.Sections[i];
            using var image = await images.LoadAsync(section.SourceImageUrl, token);
            var content = new SlideContent(section.Title, KeyPoints.For(section), i + 1, count, image, script.Title,
                i == count - 1 ? credit : "");
            await JobDirectory.CommitAsync(job.SlidePath(i), temp =>
            {
                renderer.RenderPng(content, temp);
                return Task.CompletedTask;
            });
            lock (gate)
            {
                progress?.Report(new StepProgress(PipelineStep.Slides, ++done, count));
            }
        });

        return Enumerable.Range(0, count).Select(job.SlidePath).ToList();
    }
}
