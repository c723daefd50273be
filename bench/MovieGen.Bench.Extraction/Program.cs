using MovieGen.Bench.Extraction;
using MovieGen.Pipeline.Content;
using MovieGen.Testing;

// Usage: MovieGen.Bench.Extraction [--out <markdown file>] [--pages <tsv file>] [--show <page id>]
// Scores our extractor and SmartReader alone on the corpus of Corpus/manifest.json, read from the
// packages scripts/setup.sh installs. --pages writes every page's scores; --show prints one
// page's expected and extracted text.
var pages = ExtractionCorpus.LoadAll((bytes, charset) => HtmlCharset.Decode(bytes, charset));
Engine[] engines = [Engine.Ours, Engine.SmartReaderAlone];

if (Value("--show") is { } id)
{
    var page = pages.Single(p => p.Id == id);
    Console.WriteLine($"== expected ({page.Entry.Title})\n{page.Body}\n");
    foreach (var engine in engines)
    {
        var r = engine.Run(page);
        Console.WriteLine($"== {engine.Name}: F1 {r.Overlap.F1:0.000} P {r.Overlap.Precision:0.000} R {r.Overlap.Recall:0.000}{(r.Refused ? " REFUSED" : "")} title '{r.Title}'\n{r.Body}\n");
    }

    return 0;
}

foreach (var engine in engines)
{
    engine.Run(pages[0]); // warm up (JIT, regexes) before timing
}

var results = engines.ToDictionary(e => e, e => pages.Select(e.Run).ToList());
foreach (var (ours, alone) in results[Engine.Ours].Zip(results[Engine.SmartReaderAlone]).Where(x => x.First.Overlap.F1 < 0.9 || x.First.TitleRight == false))
{
    Console.Error.WriteLine($"{ours.Page.Id}: F1 {ours.Overlap.F1:0.000} P {ours.Overlap.Precision:0.000} R {ours.Overlap.Recall:0.000}{(ours.Refused ? " REFUSED" : "")} (alone {alone.Overlap.F1:0.000}) title {(ours.TitleRight == false ? $"'{ours.Title}' != '{ours.Page.Entry.Title}'" : "ok")}");
}

if (Value("--pages") is { } tsv)
{
    await File.WriteAllLinesAsync(tsv, results[Engine.Ours].Zip(results[Engine.SmartReaderAlone]).Select(x => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{x.First.Page.Id}\t{x.First.Overlap.F1:0.000}\t{x.Second.Overlap.F1:0.000}\t{x.First.TitleRight}\t{x.Second.TitleRight}")));
}

var markdown = ExtractionReport.Markdown(pages, results);
Console.WriteLine(markdown);
if (Value("--out") is { } outPath)
{
    await File.WriteAllTextAsync(outPath, markdown);
}

return 0;

string? Value(string option)
{
    var i = Array.IndexOf(args, option);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
