using System.Diagnostics;
using MovieGen.Pipeline.Content;
using MovieGen.Testing;

namespace MovieGen.Bench.Extraction;

/// <summary>What one extractor made of one page.</summary>
public sealed record PageResult(CorpusPage Page, string Title, string Body, bool Refused, double Milliseconds)
{
    /// <summary>A refused page counts as an empty extraction.</summary>
    public TextOverlap Overlap { get; } = TextOverlap.Of(Refused ? "" : Body, Page.Body);

    /// <summary>Share of the suite's expected beginning (goose's cleaned_text prefix) found in the extraction.</summary>
    public double? PrefixRecall { get; } = Page.Prefix is null ? null : TextOverlap.Of(Refused ? "" : Body, Page.Prefix).Recall;

    public bool? TitleRight => Page.Entry.Title is null ? null : Titles.Same(Title, Page.Entry.Title);
}

public static class Titles
{
    /// <summary>Same headline once width (NFKC), case, whitespace and quote styles are set aside.</summary>
    public static bool Same(string a, string b) => Normalise(a) == Normalise(b);

    private static string Normalise(string s) => new(s.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant()
        .Where(c => !char.IsWhiteSpace(c)).Select(c => c is '‘' or '’' or '“' or '”' or '"' or '`' ? '\'' : c).ToArray());
}

public sealed record Engine(string Name, Func<string, Uri, (string Title, string Body, bool Refused)> Extract)
{
    /// <summary>Our extractor as the fetch stage runs it: refused below the fetcher's minimum length.</summary>
    public static Engine Ours { get; } = new("MovieGen (SmartReader + ours)", (html, url) =>
    {
        var article = ArticleExtractor.Extract(html, url);
        return (article.Title, article.Text, ArticleExtractor.MainTextLength(article) < ArticleFetcher.MinTextLength);
    });

    /// <summary>SmartReader 0.11.1 with its defaults, held to the same minimum length.</summary>
    public static Engine SmartReaderAlone { get; } = new("SmartReader 0.11.1 alone", (html, url) =>
    {
        using var reader = new SmartReader.Reader(url.AbsoluteUri, html);
        var article = reader.GetArticle();
        var text = article.TextContent ?? "";
        return (article.Title ?? "", text, text.Count(c => !char.IsWhiteSpace(c)) < ArticleFetcher.MinTextLength);
    });

    public PageResult Run(CorpusPage page)
    {
        var html = HtmlCharset.Decode(page.Bytes, page.Charset);
        var clock = Stopwatch.StartNew();
        var (title, body, refused) = Extract(html, page.Url);
        return new PageResult(page, title, body, refused, clock.Elapsed.TotalMilliseconds);
    }
}
