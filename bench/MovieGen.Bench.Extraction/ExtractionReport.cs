using System.Globalization;
using System.Text;
using MovieGen.Testing;

namespace MovieGen.Bench.Extraction;

/// <summary>The markdown section: both extractors side by side, overall, per group (how the
/// expectation was made) and per language, and the targets.</summary>
public static class ExtractionReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(IReadOnlyList<CorpusPage> pages, Dictionary<Engine, List<PageResult>> results)
    {
        var md = new StringBuilder();
        var languages = string.Join(", ", pages.GroupBy(p => p.Entry.Language).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        var kinds = string.Join(", ", pages.GroupBy(p => p.Entry.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        md.AppendLine("## Extraction (article body and headline)").AppendLine();
        md.AppendLine(Inv, $"{pages.Count} real pages shipped in packages that `scripts/setup.sh` installs ({languages}; {kinds}); ");
        md.AppendLine("expected headline and body are our annotations in `bench/MovieGen.Bench.Extraction/Corpus/manifest.json` (selectors, typed headlines) or, for the Readability group, that suite's own output; see the corpus README. ");
        md.AppendLine("Body token-F1 per page, then averaged: CJK text by characters, other scripts by words (lower-cased, NFKC, punctuation ignored). ");
        md.AppendLine("A page is refused when fewer than 200 non-space characters of text are left (the fetch stage's minimum); a refused page scores 0. Title: exact match after width, case and space normalisation, over the pages with an expected headline.");
        md.AppendLine();
        md.AppendLine("| pages | extractor | body F1 | precision | recall | refusals | title accuracy | median time / page |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        var ours = results[Engine.Ours];
        var alone = results[Engine.SmartReaderAlone];
        var annotated = (Func<PageResult, bool>)(r => r.Page.Entry.Expected is null);
        foreach (var (label, filter) in new (string, Func<PageResult, bool>)[] { ("all", _ => true), ("our annotations only", annotated) })
        {
            foreach (var (engine, list) in results)
            {
                var rows = list.Where(filter).ToList();
                md.AppendLine(Inv, $"| {label} ({rows.Count}) | {engine.Name} | {Mean(rows, r => r.Overlap.F1):0.000} | {Mean(rows, r => r.Overlap.Precision):0.000} | {Mean(rows, r => r.Overlap.Recall):0.000} | {Refusals(rows)} | {TitleAccuracy(rows)} | {Median(rows.Select(r => r.Milliseconds)):0.0} ms |");
            }
        }

        md.AppendLine().AppendLine("| group (how the expected body was made) | pages | ours F1 (P / R) | alone F1 (P / R) | ours refusals | alone refusals | ours titles | alone titles |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in pages.GroupBy(p => p.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ids = group.Select(p => p.Id).ToHashSet();
            var o = ours.Where(r => ids.Contains(r.Page.Id)).ToList();
            var a = alone.Where(r => ids.Contains(r.Page.Id)).ToList();
            md.AppendLine(Inv, $"| {group.Key} | {ids.Count} | {Scores(o)} | {Scores(a)} | {Refusals(o)} | {Refusals(a)} | {TitleAccuracy(o)} | {TitleAccuracy(a)} |");
        }

        md.AppendLine().AppendLine("| language | pages | ours F1 | alone F1 |").AppendLine("|---|---:|---:|---:|");
        foreach (var group in pages.GroupBy(p => p.Entry.Language).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var ids = group.Select(p => p.Id).ToHashSet();
            md.AppendLine(Inv, $"| {group.Key} | {ids.Count} | {Mean(ours.Where(r => ids.Contains(r.Page.Id)).ToList(), r => r.Overlap.F1):0.000} | {Mean(alone.Where(r => ids.Contains(r.Page.Id)).ToList(), r => r.Overlap.F1):0.000} |");
        }

        var withPrefix = ours.Zip(alone).Where(x => x.First.PrefixRecall is not null).ToList();
        md.AppendLine().AppendLine(Inv, $"goose's own expectation (`cleaned_text`, a beginning of the body, {withPrefix.Count} pages): recall of that beginning, ours {withPrefix.Average(x => x.First.PrefixRecall!.Value):0.000}, SmartReader alone {withPrefix.Average(x => x.Second.PrefixRecall!.Value):0.000}.");

        var f1 = Mean(ours, r => r.Overlap.F1);
        var aloneF1 = Mean(alone, r => r.Overlap.F1);
        var oursAnnotated = ours.Where(annotated).ToList();
        var aloneAnnotated = alone.Where(annotated).ToList();
        var refusals = 100.0 * ours.Count(r => r.Refused) / ours.Count;
        md.AppendLine().AppendLine("| target | measured | met |").AppendLine("|---|---|---|");
        md.AppendLine(Inv, $"| body F1 ≥ 0.96 (all pages) | {f1:0.000} | {Met(f1 >= 0.96)} |");
        md.AppendLine(Inv, $"| body F1 ≥ 0.96 (our annotations only) | {Mean(oursAnnotated, r => r.Overlap.F1):0.000} | {Met(Mean(oursAnnotated, r => r.Overlap.F1) >= 0.96)} |");
        md.AppendLine(Inv, $"| refusals ≤ 1 % | {refusals:0.0} % | {Met(refusals <= 1)} |");
        md.AppendLine(Inv, $"| body F1 ahead of SmartReader alone (all pages) | {f1:0.000} vs {aloneF1:0.000} | {Met(f1 > aloneF1)} |");
        md.AppendLine(Inv, $"| body F1 ahead of SmartReader alone (our annotations only) | {Mean(oursAnnotated, r => r.Overlap.F1):0.000} vs {Mean(aloneAnnotated, r => r.Overlap.F1):0.000} | {Met(Mean(oursAnnotated, r => r.Overlap.F1) > Mean(aloneAnnotated, r => r.Overlap.F1))} |");
        return md.ToString();
    }

    private static string Scores(List<PageResult> list) =>
        string.Create(Inv, $"{Mean(list, r => r.Overlap.F1):0.000} ({Mean(list, r => r.Overlap.Precision):0.00} / {Mean(list, r => r.Overlap.Recall):0.00})");

    private static string Refusals(List<PageResult> list) =>
        string.Create(Inv, $"{list.Count(r => r.Refused)} ({100.0 * list.Count(r => r.Refused) / Math.Max(1, list.Count):0.0} %)");

    private static string TitleAccuracy(List<PageResult> list)
    {
        var judged = list.Where(r => r.TitleRight is not null).ToList();
        return judged.Count == 0 ? "–" : string.Create(Inv, $"{100.0 * judged.Count(r => r.TitleRight == true) / judged.Count:0.0} % of {judged.Count}");
    }

    private static double Mean(List<PageResult> list, Func<PageResult, double> value) => list.Count == 0 ? 0 : list.Average(value);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Met(bool met) => met ? "yes" : "**no**";
}
