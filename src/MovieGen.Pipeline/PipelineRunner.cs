using Microsoft.Extensions.Logging;
using MovieGen.Net;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Content;
using MovieGen.Pipeline.Processes;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Slides;
using MovieGen.Pipeline.Video;

namespace MovieGen.Pipeline;

/// <summary>Runs fetch → script → audio → slides → video in a job directory, skipping every
/// stage whose artefacts already exist, so running it again after a crash, a restart or a
/// cancellation resumes where it stopped. Progress is one never-decreasing percentage; failures
/// are <see cref="PipelineException"/>s naming the step; cancellation throws
/// <see cref="OperationCanceledException"/> once child processes are gone.</summary>
public sealed class PipelineRunner(
    IArticleFetcher fetcher,
    IScriptWriter scriptWriter,
    AudioStage audio,
    SlideStage slides,
    VideoStage video,
    PipelineOptions options,
    ILogger<PipelineRunner> logger)
{
    public async Task<PipelineResult> RunAsync(PipelineInput input, string jobDirectory, IProgress<PipelineProgress>? progress,
        CancellationToken ct)
    {
        var job = new JobDirectory(jobDirectory);
        Directory.CreateDirectory(job.Root);
        var tracker = new ProgressTracker(progress);
        var ran = new List<PipelineStep>();
        using var scope = logger.BeginScope("Directory {JobDirectory}", job.Root);
        logger.LogInformation("Pipeline started for {Input}", input);

        if (!File.Exists(job.ScriptPath))
        {
            await PrepareScriptAsync(input, job, tracker, ran, ct);
        }

        tracker.Report(new StepProgress(PipelineStep.Script, 1, 1));
        var script = await StepAsync(PipelineStep.Script, () => LoadScriptAsync(job.ScriptPath, ct), ct);

        if (Enumerable.Range(0, script.Sections.Sum(s => s.Narrations.Count)).Any(i => !File.Exists(job.PhrasePath(i))))
        {
            ran.Add(PipelineStep.Audio);
        }

        var phrases = await StepAsync(PipelineStep.Audio, () => audio.RunAsync(job, script, tracker, ct), ct);
        var sectionsBefore = script.Sections.Count;
        (script, phrases) = await StepAsync(PipelineStep.Audio, () => audio.ApplyDurationCapAsync(
            job, script, phrases, TimeSpan.FromMinutes(options.MaxVideoDurationMinutes),
            (shortened, token) => ScriptYaml.SaveAsync(shortened, job.ScriptPath, token), ct), ct);
        if (script.Sections.Count != sectionsBefore)
        {
            // Slides and video of the longer script are stale now (slide numbers moved).
            DeleteStale(job);
        }

        var timeline = AudioStage.BuildTimeline(script, phrases);

        if (Enumerable.Range(0, script.Sections.Count).Any(i => !File.Exists(job.SlidePath(i))))
        {
            ran.Add(PipelineStep.Slides);
        }

        await StepAsync(PipelineStep.Slides, () => slides.RunAsync(job, script, tracker, ct), ct);

        if (!File.Exists(job.VideoPath))
        {
            ran.Add(PipelineStep.Video);
            await StepAsync(PipelineStep.Video, async () =>
            {
                await video.RunAsync(job, script, phrases, timeline, tracker, ct);
                return true;
            }, ct);
        }

        var duration = await VideoStage.ProbeDurationAsync(job.VideoPath, options, ct) ?? timeline.Total;
        tracker.Complete();
        var result = new PipelineResult(JobDirectory.VideoFileName, new FileInfo(job.VideoPath).Length, duration, ran);
        logger.LogInformation("Pipeline finished: {Seconds:0.0} s video, {Bytes} bytes; ran {Steps}",
            duration, result.VideoSize, string.Join(", ", ran.Select(s => s.ToWireName())));
        return result;
    }

    private async Task PrepareScriptAsync(PipelineInput input, JobDirectory job, ProgressTracker tracker, List<PipelineStep> ran, CancellationToken ct)
    {
        if (input.ScriptPath is { } scriptPath)
        {
            ran.Add(PipelineStep.Script);
            tracker.Report(new StepProgress(PipelineStep.Script, 0, 1));
            await StepAsync(PipelineStep.Script, async () =>
            {
                var script = await LoadScriptAsync(scriptPath, ct);
                await ScriptReadings.FillAsync(script, MecabReader.From(options), ct);
                await ScriptYaml.SaveAsync(script, job.ScriptPath, ct);
                return true;
            }, ct);
            return;
        }

        var url = input.Url ?? throw new ArgumentException("The input has neither a URL nor a script.", nameof(input));
        Article article;
        if (File.Exists(job.ArticlePath))
        {
            article = await StepAsync(PipelineStep.Fetch, () => ArticleStore.LoadAsync(job.ArticlePath, ct), ct);
        }
        else
        {
            ran.Add(PipelineStep.Fetch);
            tracker.Report(new StepProgress(PipelineStep.Fetch, 0, 1));
            article = await StepAsync(PipelineStep.Fetch, () => fetcher.FetchAsync(url, tracker, ct), ct);
            await StepAsync(PipelineStep.Fetch, async () =>
            {
                await ArticleStore.SaveAsync(article, job.ArticlePath, ct);
                return true;
            }, ct);
        }

        ran.Add(PipelineStep.Script);
        tracker.Report(new StepProgress(PipelineStep.Script, 0, 1));
        await StepAsync(PipelineStep.Script, async () =>
        {
            var script = await scriptWriter.WriteAsync(article, ScriptRequest.From(options), tracker, ct);
            Validate(script);
            await ScriptYaml.SaveAsync(script, job.ScriptPath, ct);
            return true;
        }, ct);
    }

    private static async Task<VideoScript> LoadScriptAsync(string path, CancellationToken ct)
    {
        VideoScript script;
        try
        {
            script = await ScriptYaml.LoadAsync(path, ct);
        }
        catch (InvalidDataException ex)
        {
            throw new PipelineException(PipelineStep.Script,
                new UserText($"台本ファイルを読み込めませんでした: {ex.Message}", $"The script file could not be read: {ex.Message}"), inner: ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new PipelineException(PipelineStep.Script,
                new UserText($"台本ファイル {Path.GetFileName(path)} が見つかりません。", $"The script file {Path.GetFileName(path)} was not found."), inner: ex);
        }

        Validate(script);
        return script;
    }

    private static void Validate(VideoScript script)
    {
        var problems = ScriptValidator.Validate(script);
        if (problems.Count > 0)
        {
            var list = string.Join("; ", problems.Take(10));
            throw new PipelineException(PipelineStep.Script, new UserText($"台本に問題があります: {list}", $"The script has problems: {list}"));
        }
    }

    private static void DeleteStale(JobDirectory job)
    {
        if (Directory.Exists(job.SlidesDirectory))
        {
            Directory.Delete(job.SlidesDirectory, recursive: true);
        }

        JobDirectory.TryDelete(job.VideoPath);
    }

    /// <summary>Runs one step's work and turns unexpected exceptions into a
    /// <see cref="PipelineException"/> of that step: a short message for people, the original
    /// kept as the inner exception and logged. Cancellation passes through untouched.</summary>
    private async Task<T> StepAsync<T>(PipelineStep step, Func<Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await work();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogInformation("Pipeline cancelled during {Step}", step.ToWireName());
            throw;
        }
        catch (PipelineException ex)
        {
            logger.LogWarning(ex, "Pipeline failed at {Step}: {Message}", ex.Step.ToWireName(), ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            var transient = ex is HttpRequestException or TimeoutException or OperationCanceledException or IOException
                || ex is ProcessFailedException { WasStopped: true };
            logger.LogError(ex, "Pipeline failed at {Step}", step.ToWireName());
            throw new PipelineException(step, FailureMessages.For(step, ex), transient, ex);
        }
    }

    /// <summary>Maps step progress onto the overall bar and keeps it from going backwards
    /// (parallel workers report out of order; a resumed run reports its skipped steps as done).</summary>
    private sealed class ProgressTracker(IProgress<PipelineProgress>? sink) : IProgress<StepProgress>
    {
        private readonly Lock gate = new();
        private int percent;

        public void Report(StepProgress value)
        {
            lock (gate)
            {
                percent = Math.Max(percent, PipelineProgress.PercentOf(value));
                sink?.Report(new PipelineProgress(percent, value.Step, value.Done, value.Total));
            }
        }

        public void Complete()
        {
            lock (gate)
            {
                percent = 100;
                sink?.Report(new PipelineProgress(100, PipelineStep.Video, 1, 1));
            }
        }
    }
}
