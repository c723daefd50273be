using System.Reflection;
using MovieGen.Bench.Extraction;

// Usage:
//   MovieGen.Bench.Extraction [--out <markdown file>] [--corpus <dir>]   score both extractors on the corpus
//   MovieGen.Bench.Extraction assemble --mirrors <dir> --out <dir>      build the corpus from the manifest
var root = typeof(Corpus).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;
var manifest = Path.Combine(root, "bench", "MovieGen.Bench.Extraction", "Corpus", "manifest.json");
if (args.FirstOrDefault() == "assemble")
{
    return await CorpusAssembler.RunAsync(manifest, Value("--mirrors") ?? "/work/.mirror", Value("--out") ?? Path.Combine(root, "bench", "MovieGen.Bench.Extraction", "corpus"));
}

var corpusDirectory = Value("--corpus") ?? Corpus.Find(root);
string markdown;
if (corpusDirectory is null)
{
    markdown = ExtractionReport.Missing();
    Console.Error.WriteLine("extraction: no corpus found (EXTRACTION_CORPUS_DIR, ../shared/extraction-corpus or bench/MovieGen.Bench.Extraction/corpus)");
}
else
{
    var pages = Corpus.Load(corpusDirectory);
    Engine[] engines = [Engine.Ours, Engine.SmartReaderAlone];
    foreach (var engine in engines)
    {
        engine.Run(pages[0]); // warm up (JIT, regexes) before timing
    }

    var results = engines.ToDictionary(e => e, e => pages.Select(e.Run).ToList());
    foreach (var r in results[Engine.Ours].Where(r => r.Overlap.F1 < 0.9 || r.TitleRight == false))
    {
        Console.Error.WriteLine($"{r.Page.Id}: F1 {r.Overlap.F1:0.000} P {r.Overlap.Precision:0.000} R {r.Overlap.Recall:0.000}{(r.Refused ? " REFUSED" : "")} title {(r.TitleRight == false ? $"'{r.Title}' != '{r.Page.Title}'" : "ok")}");
    }

    markdown = ExtractionReport.Markdown(pages, results);
}

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
