using System.Globalization;
using System.Text;
using MovieGen.Pipeline;

namespace MovieGen.Bench.Pipeline;

/// <summary>The measurements of one article (all runs).</summary>
public sealed record ArticleResult(string Name, string Language, int Characters, IReadOnlyList<RunMeasurement> Runs)
{
    public double Median(Func<RunMeasurement, double> value)
    {
        var sorted = Runs.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>The markdown report: medians per article, the VFR/CFR comparison, and the targets.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(IReadOnlyList<ArticleResult> articles, string resolution, int runs, string environment)
    {
        var md = new StringBuilder();
        md.AppendLine("## Pipeline (fetch → script → audio → slides → video)").AppendLine();
        md.AppendLine(Inv, $"{environment}. Offline path (espeak-ng, offline script writer), {resolution}, median of {runs} runs each; articles served from committed fixtures on 127.0.0.1 (`bench/MovieGen.Bench.Pipeline/Fixtures`).");
        md.AppendLine();
        md.AppendLine("| article | chars | video | fetch | script | audio | slides | video stage | total | render speed (video stage) | pipeline speed | peak RSS | ffmpeg peak RSS |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var a in articles)
        {
            md.AppendLine(Inv,
                $"| {a.Name} ({a.Language}) | {a.Characters:N0} | {a.Median(r => r.VideoSeconds):0.0} s | {S(a, PipelineStep.Fetch)} | {S(a, PipelineStep.Script)} | {S(a, PipelineStep.Audio)} | {S(a, PipelineStep.Slides)} | {S(a, PipelineStep.Video)} | {a.Median(r => r.TotalSeconds):0.00} s | {a.Median(r => r.VideoStageSpeed):0.0}× | {a.Median(r => r.PipelineSpeed):0.0}× | {a.Median(r => r.PeakRssMiB):0} MiB | {a.Median(r => r.FfmpegPeakRssMiB):0} MiB |");
        }

        md.AppendLine().AppendLine("### Variable vs constant frame rate (same stills, same narration)").AppendLine();
        md.AppendLine("| article | stills | VFR encode (pipeline) | CFR 30 fps encode | VFR speedup |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var a in articles)
        {
            md.AppendLine(Inv,
                $"| {a.Name} | {a.Median(r => r.Stills):0} | {a.Median(r => r.VfrEncodeSeconds):0.00} s | {a.Median(r => r.CfrEncodeSeconds):0.00} s | {a.Median(r => r.CfrEncodeSeconds / r.VfrEncodeSeconds):0.0}× |");
        }

        md.AppendLine().AppendLine("### Targets").AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("|---|---|---|");
        foreach (var a in articles)
        {
            var speed = a.Median(r => r.VideoStageSpeed);
            md.AppendLine(Inv, $"| render ≥ 15× realtime at {resolution} ({a.Name}) | {speed:0.0}× | {Met(speed >= 15)} |");
            var ratio = a.Median(r => r.CfrEncodeSeconds / r.VfrEncodeSeconds);
            md.AppendLine(Inv, $"| VFR ≥ 5× faster than CFR 30 fps ({a.Name}) | {ratio:0.0}× | {Met(ratio >= 5)} |");
        }

        if (articles.FirstOrDefault(a => a.Language == "ja") is { } ja)
        {
            var total = ja.Median(r => r.TotalSeconds);
            md.AppendLine(Inv, $"| whole offline pipeline for the Japanese article < 30 s | {total:0.0} s | {Met(total < 30)} |");
        }

        md.AppendLine().AppendLine("Stage times run from one stage's first progress event to the next one's (the audio stage includes the duration cap; the video stage composes the stills, mixes the narration, encodes and probes). " +
            "Render speed = video length ÷ video-stage wall time; pipeline speed = video length ÷ total wall time. Peak RSS is this process's VmHWM, reset before each run; the ffmpeg figure is the encoder child's VmHWM sampled every 20 ms.");
        return md.ToString();
    }

    private static string S(ArticleResult a, PipelineStep step) => string.Create(Inv, $"{a.Median(r => r.StageSeconds[step]):0.00} s");

    private static string Met(bool met) => met ? "met" : "**not met**";
}
