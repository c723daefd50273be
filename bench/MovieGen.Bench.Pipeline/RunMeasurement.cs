using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MovieGen.Pipeline;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Video;

namespace MovieGen.Bench.Pipeline;

/// <summary>What one run of one article measured (seconds, MiB).</summary>
public sealed record RunMeasurement(
    double VideoSeconds,
    IReadOnlyDictionary<PipelineStep, double> StageSeconds,
    double TotalSeconds,
    double PeakRssMiB,
    double FfmpegPeakRssMiB,
    int Stills,
    int Frames,
    double VfrEncodeSeconds,
    double CfrEncodeSeconds)
{
    public double VideoStageSpeed => VideoSeconds / StageSeconds[PipelineStep.Video];

    public double PipelineSpeed => VideoSeconds / TotalSeconds;

    /// <summary>One full pipeline run from the article URL in a fresh job directory, then (when
    /// <paramref name="compareEncodes"/>), on the same composed stills and narration, the encode at
    /// variable frame rate (what the pipeline does) against a constant 30 fps encode.</summary>
    public static async Task<RunMeasurement> MeasureAsync(IServiceProvider services, Uri article, string jobDirectory, bool compareEncodes,
        CancellationToken ct)
    {
        var runner = services.GetRequiredService<PipelineRunner>();
        var firstEvent = new ConcurrentDictionary<PipelineStep, double>();
        MemoryProbe.ResetPeak();
        using var stopSampler = new CancellationTokenSource();
        var ffmpegPeak = MemoryProbe.SampleChildPeakAsync("ffmpeg", jobDirectory, stopSampler.Token);

        var clock = Stopwatch.StartNew();
        var result = await runner.RunAsync(PipelineInput.FromUrl(article), jobDirectory,
            new Inline(p => firstEvent.TryAdd(p.Step, clock.Elapsed.TotalSeconds)), ct);
        var total = clock.Elapsed.TotalSeconds;
        await stopSampler.CancelAsync();
        var peak = MemoryProbe.PeakMiB();

        // Each step's first progress event marks its start; the next step's marks its end.
        var steps = Enum.GetValues<PipelineStep>();
        var stages = new Dictionary<PipelineStep, double>();
        for (var i = 0; i < steps.Length; i++)
        {
            var end = i + 1 < steps.Length ? firstEvent[steps[i + 1]] : total;
            stages[steps[i]] = end - firstEvent[steps[i]];
        }

        var frames = await VideoFramesAsync(services, Path.Combine(jobDirectory, JobDirectory.VideoFileName), ct);
        var (stills, vfr, cfr) = compareEncodes ? await CompareEncodesAsync(services, jobDirectory, ct) : (0, 0, 0);
        return new RunMeasurement(result.VideoDurationSeconds, stages, total, peak, await ffmpegPeak, stills, frames, vfr, cfr);
    }

    private static async Task<(int Stills, double Vfr, double Cfr)> CompareEncodesAsync(IServiceProvider services, string jobDirectory, CancellationToken ct)
    {
        var job = new JobDirectory(jobDirectory);
        var video = services.GetRequiredService<VideoStage>();
        var script = await ScriptYaml.LoadAsync(job.ScriptPath, ct);
        var phrases = AudioStage.ReadPhrases(job, script);
        var inputs = await video.PrepareAsync(job, script, phrases, AudioStage.BuildTimeline(script, phrases), ct);

        var clock = Stopwatch.StartNew();
        await video.EncodeAsync(inputs, Path.Combine(job.WorkDirectory, "vfr.mp4"), FfmpegEncoder.FrameRateMode.Vfr, null, ct);
        var vfr = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await video.EncodeAsync(inputs, Path.Combine(job.WorkDirectory, "cfr.mp4"), FfmpegEncoder.FrameRateMode.Cfr30, null, ct);
        var cfr = clock.Elapsed.TotalSeconds;
        return (inputs.Frames, vfr, cfr);
    }

    /// <summary>How many pictures the encoder wrote (ffprobe's packet count).</summary>
    private static async Task<int> VideoFramesAsync(IServiceProvider services, string video, CancellationToken ct)
    {
        var options = services.GetRequiredService<PipelineOptions>();
        var result = await MovieGen.Pipeline.Processes.ProcessRunner.RunCheckedAsync(new MovieGen.Pipeline.Processes.ProcessSpec(
            options.FfprobePath,
            ["-v", "error", "-count_packets", "-select_streams", "v:0", "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", video],
            TimeSpan.FromSeconds(60)), ct);
        return int.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class Inline(Action<PipelineProgress> report) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value) => report(value);
    }
}
