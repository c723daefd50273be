using System.Globalization;
using System.Text;
using MovieGen.Pipeline;

namespace MovieGen.Bench.Pipeline;

/// <summary>The measurements of one article: runs with the characters on screen and, alternating
/// with them, runs of the plain slideshow (CHARACTERS=off).</summary>
public sealed record ArticleResult(string Name, string Language, int Characters, IReadOnlyList<RunMeasurement> Runs,
    IReadOnlyList<RunMeasurement> Plain)
{
    public double Median(Func<RunMeasurement, double> value) => MedianOf(Runs, value);

    public double PlainMedian(Func<RunMeasurement, double> value) => MedianOf(Plain, value);

    private static double MedianOf(IReadOnlyList<RunMeasurement> runs, Func<RunMeasurement, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>The markdown report: medians per article and mode, the cost of the characters, the
/// VFR/CFR comparison, and the targets.</summary>
public static class Report
{
    /// <summary>The reference renderer (Remotion, 1920×1080 at 30 fps, characters cycling their
    /// mouths) measured on this machine (issue 12).</summary>
    private const double ReferenceSpeed = 0.43;

    private const double MemoryTargetMiB = 400;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(IReadOnlyList<ArticleResult> articles, string resolution, int runs, string environment)
    {
        var md = new StringBuilder();
        md.AppendLine("## Pipeline (fetch → script → audio → slides → video)").AppendLine();
        md.AppendLine(Inv, $"{environment}. Offline path (espeak-ng, offline script writer), {resolution}, median of {runs} runs each; articles served from committed fixtures on 127.0.0.1 (`bench/MovieGen.Bench.Pipeline/Fixtures`). Each run is made twice in a row: with the two characters on screen (the default) and as the plain slideshow (`CHARACTERS=off`).");
        md.AppendLine();
        md.AppendLine("| article | mode | chars | video | fetch | script | audio | slides | video stage | total | render speed (video stage) | pipeline speed | frames encoded | peak RSS | ffmpeg peak RSS |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var a in articles)
        {
            Row(a, "characters", a.Median);
            Row(a, "`CHARACTERS=off`", a.PlainMedian);
        }

        md.AppendLine().AppendLine("### What the characters cost").AppendLine();
        md.AppendLine("| article | render with characters | render `CHARACTERS=off` | video stage with / off | vs the reference renderer (0.43×) |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var a in articles)
        {
            var on = a.Median(r => r.VideoStageSpeed);
            md.AppendLine(Inv,
                $"| {a.Name} | {on:0.0}× | {a.PlainMedian(r => r.VideoStageSpeed):0.0}× | {a.Median(r => r.StageSeconds[PipelineStep.Video]):0.00} s / {a.PlainMedian(r => r.StageSeconds[PipelineStep.Video]):0.00} s | {on / ReferenceSpeed:0}× |");
        }

        md.AppendLine().AppendLine("### Variable vs constant frame rate (`CHARACTERS=off`: same stills, same narration)").AppendLine();
        md.AppendLine("| article | stills | VFR encode (pipeline) | CFR 30 fps encode | VFR speedup |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var a in articles)
        {
            md.AppendLine(Inv,
                $"| {a.Name} | {a.PlainMedian(r => r.Stills):0} | {a.PlainMedian(r => r.VfrEncodeSeconds):0.00} s | {a.PlainMedian(r => r.CfrEncodeSeconds):0.00} s | {a.PlainMedian(r => r.CfrEncodeSeconds / r.VfrEncodeSeconds):0.0}× |");
        }

        md.AppendLine().AppendLine("### Targets").AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("|---|---|---|");
        foreach (var a in articles)
        {
            var speed = a.Median(r => r.VideoStageSpeed);
            md.AppendLine(Inv, $"| render ≥ 15× realtime with characters at {resolution} ({a.Name}) | {speed:0.0}× | {Met(speed >= 15)} |");
            md.AppendLine(Inv, $"| ≥ 35× the reference renderer ({a.Name}) | {speed / ReferenceSpeed:0}× | {Met(speed / ReferenceSpeed >= 35)} |");
            var rss = a.Runs.Concat(a.Plain).Max(r => r.PeakRssMiB);
            var ffmpeg = a.Runs.Concat(a.Plain).Max(r => r.FfmpegPeakRssMiB);
            md.AppendLine(Inv, $"| worker peak memory ≤ {MemoryTargetMiB:0} MB ({a.Name}, highest of all runs; its ffmpeg child separately: {ffmpeg:0} MiB) | {rss:0} MiB | {Met(rss <= MemoryTargetMiB)} |");
            var ratio = a.PlainMedian(r => r.CfrEncodeSeconds / r.VfrEncodeSeconds);
            md.AppendLine(Inv, $"| VFR ≥ 5× faster than CFR 30 fps ({a.Name}) | {ratio:0.0}× | {Met(ratio >= 5)} |");
        }

        if (articles.FirstOrDefault(a => a.Language == "ja") is { } ja)
        {
            var total = ja.Median(r => r.TotalSeconds);
            md.AppendLine(Inv, $"| whole offline pipeline for the Japanese article, with characters, < 30 s | {total:0.0} s | {Met(total < 30)} |");
        }

        md.AppendLine().AppendLine("Stage times run from one stage's first progress event to the next one's (the audio stage includes the duration cap and the mouth timelines; the video stage composes the stills and the character sprites, mixes the narration, encodes and probes). " +
            "Render speed = video length ÷ video-stage wall time; pipeline speed = video length ÷ total wall time. Frames encoded = the video stream's packets (with characters: 10 fps, minus frames identical to the one before). " +
            "Peak RSS is this process's VmHWM (it runs the pipeline in-process, as the worker does), reset before each run; the ffmpeg figure is the encoder child's VmHWM sampled every 20 ms.");
        return md.ToString();

        void Row(ArticleResult a, string mode, Func<Func<RunMeasurement, double>, double> m) =>
            md.AppendLine(Inv,
                $"| {a.Name} ({a.Language}) | {mode} | {a.Characters:N0} | {m(r => r.VideoSeconds):0.0} s | {S(m, PipelineStep.Fetch)} | {S(m, PipelineStep.Script)} | {S(m, PipelineStep.Audio)} | {S(m, PipelineStep.Slides)} | {S(m, PipelineStep.Video)} | {m(r => r.TotalSeconds):0.00} s | {m(r => r.VideoStageSpeed):0.0}× | {m(r => r.PipelineSpeed):0.0}× | {m(r => r.Frames):0} | {m(r => r.PeakRssMiB):0} MiB | {m(r => r.FfmpegPeakRssMiB):0} MiB |");
    }

    private static string S(Func<Func<RunMeasurement, double>, double> median, PipelineStep step) =>
        string.Create(Inv, $"{median(r => r.StageSeconds[step]):0.00} s");

    private static string Met(bool met) => met ? "met" : "**not met**";
}
