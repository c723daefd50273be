using System.Globalization;
using System.Text;

namespace MovieGen.Bench.Extraction;

/// <summary>The markdown section: both extractors side by side, overall and per language and kind,
/// and the targets.</summary>
public static class ExtractionReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Missing() =>
        "## Extraction\n\nNot measured: the corpus was not found (see bench/MovieGen.Bench.Extraction/Corpus/README.md).\n";

    public static string Markdown(IReadOnlyList<CorpusPage> pages, Dictionary<Engine, List<PageResult>> results)
    {
        var md = new StringBuilder();
        var languages = string.Join(", ", pages.GroupBy(p => p.Language).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        var kinds = string.Join(", ", pages.GroupBy(p => p.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        md.AppendLine("## Extraction (article body and headline)").AppendLine();
        md.AppendLine(Inv, $"{pages.Count} real pages from public extraction test suites ({languages}; {kinds}); expected text made by people (see `bench/MovieGen.Bench.Extraction/Corpus/README.md`). ");
        md.AppendLine("Body token-F1 per page, then averaged: CJK text by characters, other scripts by words (lower-cased, NFKC, punctuation ignored). ");
        md.AppendLine("A page is refused when fewer than 200 non-space characters of text are left (the fetch stage's minimum); a refused page scores 0. Title: exact match after width, case and space normalisation, over the pages with an expected headline.");
        md.AppendLine();
        md.AppendLine("| extractor | body F1 | precision | recall | refusals | title accuracy | median time / page |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (engine, list) in results)
        {
            md.AppendLine(Inv, $"| {engine.Name} | {Mean(list, r => r.Overlap.F1):0.000} | {Mean(list, r => r.Overlap.Precision):0.000} | {Mean(list, r => r.Overlap.Recall):0.000} | {list.Count(r => r.Refused)} ({100.0 * list.Count(r => r.Refused) / list.Count:0.0} %) | {TitleAccuracy(list)} | {Median(list.Select(r => r.Milliseconds)):0.0} ms |");
        }

        md.AppendLine().AppendLine("| body F1 by group | pages | " + string.Join(" | ", results.Keys.Select(e => e.Name)) + " |");
        md.AppendLine("|---|---:|" + string.Concat(results.Keys.Select(_ => "---:|")));
        foreach (var group in pages.GroupBy(p => $"{p.Language} {p.Kind} ({p.Source})").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ids = group.Select(p => p.Id).ToHashSet();
            var scores = results.Values.Select(list => Mean(list.Where(r => ids.Contains(r.Page.Id)).ToList(), r => r.Overlap.F1).ToString("0.000", Inv));
            md.AppendLine(string.Create(Inv, $"| {group.Key} | {ids.Count} | ") + string.Join(" | ", scores) + " |");
        }

        var ours = results.First().Value;
        var alone = results.Skip(1).First().Value;
        var f1 = Mean(ours, r => r.Overlap.F1);
        var refusals = 100.0 * ours.Count(r => r.Refused) / ours.Count;
        md.AppendLine().AppendLine("| target | measured | met |").AppendLine("|---|---|---|");
        md.AppendLine(Inv, $"| body F1 ≥ 0.96 | {f1:0.000} | {Met(f1 >= 0.96)} |");
        md.AppendLine(Inv, $"| refusals ≤ 1 % | {refusals:0.0} % | {Met(refusals <= 1)} |");
        md.AppendLine(Inv, $"| body F1 ahead of SmartReader alone | {f1:0.000} vs {Mean(alone, r => r.Overlap.F1):0.000} | {Met(f1 > Mean(alone, r => r.Overlap.F1))} |");
        return md.ToString();
    }

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
