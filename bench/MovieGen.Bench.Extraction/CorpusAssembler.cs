using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MovieGen.Pipeline.Content;
using MovieGen.Pipeline.Processes;

namespace MovieGen.Bench.Extraction;

/// <summary>
/// Builds the corpus from <c>Corpus/manifest.json</c>: each page is taken from a public test suite
/// at a pinned commit (a git snapshot of the repository, one folder per repository under
/// <c>--mirrors</c>), and its expected title and body come from that suite's human annotation, or
/// for suites without one from the hand-chosen headline and body element in the manifest.
/// </summary>
public static class CorpusAssembler
{
    public sealed record Manifest(List<Source> Sources, List<ManifestPage> Pages);

    /// <param name="Expected">How the suite's expectations were made (written into the README).</param>
    public sealed record Source(string Name, string Repository, string Commit, string Licence, string Expected);

    /// <param name="Gold">The suite's annotation: an L3S-annotated copy (<c>x-nc-sel1</c> headline,
    /// <c>x-nc-sel2</c> full text), a cleaned text file, or Readability's expected.html.</param>
    /// <param name="Select">For pages without an annotation: CSS selector of the article body, chosen by hand.</param>
    public sealed record ManifestPage(string Id, string Source, string Path, string Language, string Kind, string Url,
        string? Title = null, string? Gold = null, string? GoldKind = null, string? Select = null, string? Exclude = null);

    public static async Task<int> RunAsync(string manifestPath, string mirrors, string outDirectory)
    {
        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifestPath), Corpus.Json)!;
        var html = Path.Combine(outDirectory, "html");
        Directory.CreateDirectory(html);
        var pages = new List<CorpusPage>();
        foreach (var group in manifest.Pages.GroupBy(p => p.Source))
        {
            var source = manifest.Sources.Single(s => s.Name == group.Key);
            var files = await ExtractAsync(Path.Combine(mirrors, source.Repository.Replace('/', '+'), "repo"), source.Commit,
                group.SelectMany(p => new[] { p.Path, p.Gold }).OfType<string>().Distinct().ToList());
            foreach (var page in group)
            {
                var bytes = files[page.Path];
                var (title, body) = Expectation(page, bytes, page.Gold is null ? null : files[page.Gold]);
                await File.WriteAllBytesAsync(Path.Combine(html, page.Id + ".html"), bytes);
                pages.Add(new CorpusPage(page.Id, page.Url, page.Language, page.Kind, page.Source, page.Title ?? title, body));
                Console.Error.WriteLine($"{page.Id}: title {(page.Title ?? title)?.Length ?? 0} chars, body {body.Length} chars");
            }
        }

        await File.WriteAllTextAsync(Path.Combine(outDirectory, "index.json"), JsonSerializer.Serialize(pages, Corpus.Json));
        Console.Error.WriteLine($"corpus: {pages.Count} pages in {outDirectory}");
        return 0;
    }

    private static (string? Title, string Body) Expectation(ManifestPage page, byte[] bytes, byte[]? gold)
    {
        switch (page.GoldKind)
        {
            case "l3s":
            {
                var doc = new HtmlParser().ParseDocument(HtmlCharset.Decode(gold!, null));
                var title = string.Join(" ", doc.QuerySelectorAll(".x-nc-sel1").Select(e => Clean(e.TextContent)));
                return (title.Length > 0 ? title : null, string.Join("\n", doc.QuerySelectorAll(".x-nc-sel2").Select(e => Clean(e.TextContent))));
            }

            case "text":
                return (null, HtmlCharset.Decode(gold!, "utf-8"));
            case "readability":
            {
                var doc = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(gold!));
                return (null, BlockText(doc.Body!));
            }

            default:
            {
                var doc = new HtmlParser().ParseDocument(HtmlCharset.Decode(bytes, null));
                foreach (var removed in doc.QuerySelectorAll("script, style, noscript, template" + (page.Exclude is null ? "" : ", " + page.Exclude)).ToList())
                {
                    removed.Remove();
                }

                var body = doc.QuerySelector(page.Select!) ?? throw new InvalidDataException($"{page.Id}: nothing matches {page.Select}");
                return (null, BlockText(body));
            }
        }
    }

    /// <summary>Text of an element with a line break at each block, as a reader sees it.</summary>
    private static string BlockText(IElement element)
    {
        var sb = new StringBuilder();
        Visit(element);
        return string.Join("\n", sb.ToString().Split('\n').Select(Clean).Where(l => l.Length > 0));

        void Visit(INode node)
        {
            if (node is IText text)
            {
                sb.Append(text.Data);
            }
            else if (node is IElement e)
            {
                var block = e.LocalName is "p" or "div" or "br" or "li" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "tr" or "section" or "article" or "blockquote" or "pre" or "dd" or "dt" or "figure" or "table";
                if (block)
                {
                    sb.Append('\n');
                }

                foreach (var child in e.ChildNodes)
                {
                    Visit(child);
                }

                if (block)
                {
                    sb.Append('\n');
                }
            }
        }
    }

    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<Dictionary<string, byte[]>> ExtractAsync(string gitDirectory, string commit, List<string> paths)
    {
        var tar = Path.Combine(Path.GetTempPath(), $"corpus-{Guid.NewGuid():N}.tar");
        try
        {
            await ProcessRunner.RunCheckedAsync(new ProcessSpec("git", ["--git-dir", gitDirectory, "archive", "--format=tar", "-o", tar, commit, "--", .. paths], TimeSpan.FromMinutes(2)), CancellationToken.None);
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            await using var stream = File.OpenRead(tar);
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is { } data)
                {
                    using var memory = new MemoryStream();
                    await data.CopyToAsync(memory);
                    files[entry.Name] = memory.ToArray();
                }
            }

            return files;
        }
        finally
        {
            File.Delete(tar);
        }
    }
}
