using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace MovieGen.Pipeline.Content;

/// <summary>The blocks of an article's content element in reading order: headings, paragraphs
/// (list items and table cells of layout tables included), listings (code, data tables: kept as
/// text, never read aloud) and images. Furigana and captions are not text at all.</summary>
internal abstract record Block;

internal sealed record HeadingBlock(int Level, string Text) : Block;

internal sealed record ParagraphBlock(string Text) : Block;

internal sealed record ImageBlock(string Url, string? Alt) : Block;

internal sealed record ListingBlock(string Text) : Block;

/// <summary>Turns the content elements into headings, paragraphs and images in reading order.</summary>
internal sealed partial class BlockWalker(List<Block> blocks, Uri baseUrl)
{
    private const int MaxHeadingLength = 100;

    internal static readonly HashSet<string> BlockTags =
    [
        "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
        "ul", "summary", "caption", "center",
    ];

    // Text that is no part of the story: furigana, captions (often credits), formulas, scripts.
    private static readonly HashSet<string> SkippedTags = ["rt", "rp", "figcaption", "math", "script", "style", "noscript", "template"];

    // Inline code longer than this is a snippet, not a word of the sentence.
    private const int MaxInlineCodeLength = 40;

    private static string Clean(string text) => TextTools.NormaliseWhitespace(text).Trim();

    private static string? ImageUrl(string? src, Uri baseUrl) => ArticleExtractor.ImageUrl(src, baseUrl);

    /// <summary>A table of data (headers, a caption, many cells in a grid) rather than one that lays
    /// out the page: its cells are figures to look at, not sentences to read.</summary>
    private static bool IsDataTable(IElement table)
    {
        if (table.GetAttribute("role") is "presentation" or "none" || table.QuerySelector("table") is not null)
        {
            return false;
        }

        if (table.QuerySelector("caption, th, thead, colgroup, col") is not null || table.HasAttribute("summary"))
        {
            return true;
        }

        var rows = table.QuerySelectorAll("tr").ToList();
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Children.Count(c => c.LocalName is "td" or "th"));
        var longCells = table.QuerySelectorAll("td").Count(td => Clean(td.TextContent).Length > 200);
        return rows.Count >= 3 && columns >= 2 && longCells == 0;
    }

    /// <summary>Preformatted text that is prose (a plain-text RFC, a poem), not code: mostly words,
    /// hardly any of the brackets and operators code is made of.</summary>
    private static bool IsProse(IElement pre)
    {
        var text = pre.TextContent;
        if (text.Length < 200 || pre.QuerySelector("code") is not null)
        {
            return false;
        }

        var symbols = text.Count(c => c is '{' or '}' or ';' or '=' or '<' or '>' or '(' or ')' or '[' or ']' or '$' or '#' or '|');
        var letters = text.Count(char.IsLetter);
        return symbols < 0.01 * text.Length && letters > 0.6 * text.Count(c => !char.IsWhiteSpace(c));
    }

    private readonly System.Text.StringBuilder _text = new();
    private int _linkChars;
    private int _linkDepth;
    private bool _lastWasBreak;

    public void Walk(IElement element)
    {
        Visit(element);
        Flush();
    }

    private void Visit(INode node)
    {
        if (node is IText text)
        {
            _text.Append(text.Data);
            if (_linkDepth > 0)
            {
                _linkChars += text.Data.Trim().Length;
            }

            if (text.Data.Trim().Length > 0)
            {
                _lastWasBreak = false;
            }

            return;
        }

        if (node is not IElement element)
        {
            return;
        }

        var tag = element.LocalName;
        var listing = (tag == "pre" && !IsProse(element)) || (tag == "table" && IsDataTable(element));
        if (listing || SkippedTags.Contains(tag) || (tag == "sup" && FootnoteMark().IsMatch(element.TextContent))
            || (tag == "code" && Clean(element.TextContent).Length > MaxInlineCodeLength))
        {
            if (listing)
            {
                AddListing(element);
            }

            foreach (var img in element.QuerySelectorAll("img"))
            {
                AddImage(img);
            }

            return;
        }

        switch (tag)
        {
            case "img":
                AddImage(element);
                return;
            case "br":
                if (_lastWasBreak)
                {
                    Flush();
                }
                else
                {
                    _text.Append('\n');
                    _lastWasBreak = true;
                }

                return;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                VisitHeading(element, tag[1] - '0');
                return;
        }

        var isBlock = BlockTags.Contains(tag);
        if (isBlock)
        {
            Flush();
        }

        // Only a link counts as link text: an anchor without href (an id target) can wrap whole
        // sections once the parser closes it late.
        var link = tag == "a" && element.HasAttribute("href");
        if (link)
        {
            _linkDepth++;
        }

        foreach (var child in element.ChildNodes)
        {
            Visit(child);
        }

        if (link)
        {
            _linkDepth--;
        }

        if (isBlock)
        {
            Flush();
        }
    }

    // An unclosed <h2> swallows the paragraphs after it (the HTML5 parser nests them inside):
    // only the text before the first block child is the heading. A "heading" as long as a
    // paragraph is a paragraph.
    private void VisitHeading(IElement element, int level)
    {
        Flush();
        var firstBlock = element.ChildNodes.OfType<IElement>().FirstOrDefault(c => BlockTags.Contains(c.LocalName));
        var headingNodes = element.ChildNodes.TakeWhile(n => n != firstBlock).ToList();
        var heading = ArticleExtractor.HeadingText(string.Concat(headingNodes.Select(n => n.TextContent)));
        if (heading.Length > MaxHeadingLength)
        {
            headingNodes.ForEach(Visit);
            Flush();
        }
        else if (heading.Length > 0)
        {
            blocks.Add(new HeadingBlock(level, heading));
        }

        foreach (var node in headingNodes.OfType<IElement>())
        {
            foreach (var img in node.LocalName == "img" ? [node] : node.QuerySelectorAll("img").ToArray())
            {
                AddImage(img);
            }
        }

        foreach (var node in element.ChildNodes.SkipWhile(n => n != firstBlock))
        {
            Visit(node);
        }

        Flush();
    }

    private void Flush()
    {
        var text = Clean(_text.ToString());
        var links = _linkChars;
        _text.Clear();
        _linkChars = 0;
        _lastWasBreak = false;
        if (text.Length < 2 || (double)links / text.Length > 0.5 || !text.Any(char.IsLetter))
        {
            return;
        }

        blocks.Add(new ParagraphBlock(text));
    }

    /// <summary>A code listing keeps its lines; a data table becomes one line per row, cells apart.</summary>
    private void AddListing(IElement element)
    {
        Flush();
        var lines = element.LocalName == "table"
            ? element.QuerySelectorAll("tr").Select(r => string.Join(" | ", r.Children.Where(c => c.LocalName is "td" or "th").Select(c => Clean(c.TextContent))))
            : element.TextContent.Split('\n').Select(l => l.TrimEnd());
        var text = string.Join("\n", lines.Where(l => l.Trim().Length > 0));
        if (text.Any(char.IsLetterOrDigit))
        {
            blocks.Add(new ListingBlock(text));
        }
    }

    private void AddImage(IElement img)
    {
        var src = img.GetAttribute("src");
        if (string.IsNullOrWhiteSpace(src) || src.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            src = img.GetAttribute("data-src") ?? img.GetAttribute("data-original") ?? img.GetAttribute("data-lazy-src")
                ?? img.GetAttribute("srcset")?.Split(',')[0].Trim().Split(' ')[0];
        }

        var url = ImageUrl(src, baseUrl);
        if (url is null || LooksDecorative(img, url))
        {
            return;
        }

        var alt = Clean(img.GetAttribute("alt") ?? img.GetAttribute("title") ?? "");
        var meaningful = alt.Length >= 2 && !GenericAlt().IsMatch(alt) && !url.Contains(alt, StringComparison.OrdinalIgnoreCase);
        blocks.Add(new ImageBlock(url, meaningful ? alt : null));
    }

    private static bool LooksDecorative(IElement img, string url)
    {
        if (IsTiny(img.GetAttribute("width")) || IsTiny(img.GetAttribute("height")))
        {
            return true;
        }

        var described = $"{url} {img.GetAttribute("class")} {img.Id} {img.GetAttribute("alt")}";
        return DecorativeImage().IsMatch(described);
    }

    private static bool IsTiny(string? size) =>
        size is not null && int.TryParse(size.Trim().TrimEnd('x', 'p'), out var px) && px < 100;

    [GeneratedRegex(@"(?<![a-z])(logo|icon|avatar|sprite|spacer|pixel|tracking|tracker|badge|emoji|beacon|button|banner|profile)s?(?![a-z])|favicon|sitelogo|gravatar|blank\.gif|1x1|/ads?/", RegexOptions.IgnoreCase)]
    private static partial Regex DecorativeImage();

    [GeneratedRegex(@"^(image|img|photo|picture|画像|写真|イメージ|thumbnail|サムネイル)\s*\d*$", RegexOptions.IgnoreCase)]
    private static partial Regex GenericAlt();

    [GeneratedRegex(@"^\s*[\[\(]?\s*(\d+|\*|†)\s*[\]\)]?\s*$")]
    private static partial Regex FootnoteMark();
}
