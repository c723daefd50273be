using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace MovieGen.Pipeline.Content;

/// <summary>
/// A Readability-style extractor: finds the element holding the article's main text by paragraph
/// scores (preferring <c>article</c>/<c>main</c> when they hold most of the text), drops page
/// furniture (navigation, headers, footers, asides, forms, share widgets, hidden elements), and
/// splits the text into sections at its headings. Never throws on malformed HTML: the HTML5 parser
/// repairs it the way browsers do.
/// </summary>
public static partial class ArticleExtractor
{
    private const int MinParagraphScoreLength = 25;
    private const int MaxHeadingLength = 100;

    private static readonly HashSet<string> BlockTags =
    [
        "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
        "ul", "summary", "caption", "center",
    ];

    // Text that would make no sense read aloud: code, tables of data, furigana, captions.
    private static readonly HashSet<string> SkippedTags = ["pre", "table", "rt", "rp", "figcaption", "math", "code"];

    private const string RemovedSelector =
        "script, style, noscript, template, iframe, object, embed, form, button, input, select, textarea, svg, " +
        "canvas, nav, header, footer, aside, dialog, menu, [hidden], [aria-hidden=true], [role=navigation], " +
        "[role=banner], [role=contentinfo], [role=complementary], [role=dialog], [role=search], [role=alert], " +
        "[role=menu], [role=toolbar]";

    /// <summary>Extracts the article from <paramref name="html"/>; <paramref name="pageUrl"/>
    /// (the final URL after redirects) makes relative image URLs absolute.</summary>
    public static Article Extract(string html, Uri pageUrl)
    {
        var document = new HtmlParser().ParseDocument(html);
        var baseUrl = BaseUrl(document, pageUrl);

        var ogImage = ImageUrl(Meta(document, "og:image") ?? Meta(document, "twitter:image"), baseUrl);
        var firstH1 = document.QuerySelector("h1") is { } h1 ? Clean(h1.TextContent) : null;
        var title = ChooseTitle(document, firstH1);
        var description = Meta(document, "description") ?? Meta(document, "og:description") ?? Meta(document, "twitter:description");

        var root = document.Body ?? document.DocumentElement;
        RemoveClutter(root);
        var content = FindContent(root);

        var blocks = new List<Block>();
        foreach (var element in content)
        {
            new BlockWalker(blocks, baseUrl).Walk(element);
        }

        var sections = BuildSections(blocks, title);
        var images = new List<ArticleImage>();
        if (ogImage is not null)
        {
            images.Add(new ArticleImage(ogImage, null));
        }

        foreach (var image in blocks.OfType<ImageBlock>())
        {
            if (images.All(i => i.Url != image.Url))
            {
                images.Add(new ArticleImage(image.Url, image.Alt));
            }
        }

        var text = string.Join("\n\n", sections.SelectMany(s =>
            s.Heading is null ? s.Paragraphs : [s.Heading, .. s.Paragraphs]));
        var language = TextTools.DetectLanguage(title + "\n" + text);

        return new Article(pageUrl.AbsoluteUri, title, description, language, sections, images.Take(30).ToList(), text);
    }

    /// <summary>Characters of paragraph text (headings not counted): the "enough to explain" measure.</summary>
    public static int MainTextLength(Article article) =>
        article.Sections.SelectMany(s => s.Paragraphs).Sum(TextTools.CountNonWhitespace);

    private static Uri BaseUrl(IDocument document, Uri pageUrl)
    {
        var href = document.QuerySelector("base[href]")?.GetAttribute("href");
        return href is not null && Uri.TryCreate(pageUrl, href, out var b) && b.Scheme is "http" or "https" ? b : pageUrl;
    }

    private static string? Meta(IDocument document, string name)
    {
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name");
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && meta.GetAttribute("content") is { } content)
            {
                var value = Clean(content);
                if (value.Length > 0)
                {
                    return value;
                }
            }
        }

        return null;
    }

    private static string Clean(string text) => TextTools.NormaliseWhitespace(text).Trim();

    // "Article title | Site name": drop the site part when it can be told apart.
    private static string ChooseTitle(IDocument document, string? h1)
    {
        var raw = Meta(document, "og:title") ?? Meta(document, "twitter:title")
            ?? (document.QuerySelector("title") is { } t ? Clean(t.TextContent) : null);
        if (string.IsNullOrEmpty(raw))
        {
            return string.IsNullOrEmpty(h1) ? "" : h1;
        }

        if (!string.IsNullOrEmpty(h1) && raw.Contains(h1, StringComparison.Ordinal) && h1.Length >= 4)
        {
            return h1;
        }

        var site = Meta(document, "og:site_name");
        var parts = TitleSeparator().Split(raw).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (parts.Count < 2)
        {
            return raw;
        }

        if (site is not null)
        {
            var withoutSite = parts.Where(p => !string.Equals(p, site, StringComparison.OrdinalIgnoreCase)).ToList();
            if (withoutSite.Count < parts.Count && withoutSite.Count > 0)
            {
                parts = withoutSite;
            }
        }

        // Keep the leading part when it is a title on its own, not "Blog" of "Blog | Post name".
        var first = parts[0];
        var longEnough = TextTools.DetectLanguage(first) == "ja" ? first.Length >= 8 : first.Split(' ').Length >= 3;
        return parts.Count == 1 || longEnough ? first : raw;
    }

    [GeneratedRegex(@"\s+[|\-–—:»«/]{1,2}\s+|\s*[｜|]\s*|\s+::\s+")]
    private static partial Regex TitleSeparator();

    [GeneratedRegex(@"(^|[\s_-])(share|sharing|social|sns|comment|comments|disqus|related|recommend|recommended|popular|ranking|sidebar|breadcrumbs?|advert|advertisement|ads?|ad-slot|promo|newsletter|subscribe|cookie|consent|gdpr|popup|modal|banner|masthead|menu|navbar|nav|navigation|footer|header|widget|sponsor|sponsored|pagination|pager|toc|tags|tag-list|author-box|profile|follow|signup|login|rss|skip)([\s_-]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex UnlikelyCandidate();

    [GeneratedRegex(@"article|body|content|entry|main|post|story|text|column|hentry|blog", RegexOptions.IgnoreCase)]
    private static partial Regex MaybeCandidate();

    [GeneratedRegex(@"article|body|content|entry|main|post|story|text|hentry|blog|h-entry", RegexOptions.IgnoreCase)]
    private static partial Regex PositiveClass();

    [GeneratedRegex(@"comment|meta|footer|footnote|foot|share|social|sidebar|related|widget|banner|sponsor|shopping|tags|tool|promo", RegexOptions.IgnoreCase)]
    private static partial Regex NegativeClass();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    private static void RemoveClutter(IElement root)
    {
        foreach (var comment in root.Descendants<IComment>().ToList())
        {
            comment.RemoveFromParent();
        }

        foreach (var element in root.QuerySelectorAll(RemovedSelector).ToList())
        {
            element.Remove();
        }

        foreach (var element in root.Descendants<IElement>().ToList())
        {
            if (element.LocalName is "body" or "html" or "article" or "main" || element.Parent is null)
            {
                continue;
            }

            if (element.GetAttribute("style") is { } style && HiddenStyle().IsMatch(style))
            {
                element.Remove();
                continue;
            }

            var classAndId = $"{element.GetAttribute("class")} {element.Id}";
            if (classAndId.Length > 1 && UnlikelyCandidate().IsMatch(classAndId) && !MaybeCandidate().IsMatch(classAndId))
            {
                element.Remove();
            }
        }
    }

    /// <summary>The elements that make up the article, in document order.</summary>
    private static List<IElement> FindContent(IElement root)
    {
        var paragraphs = root.QuerySelectorAll("p, pre, td, blockquote, li, div")
            .Where(IsParagraphLike)
            .Select(e => (Element: e, Text: Clean(e.TextContent)))
            .Where(p => p.Text.Length >= MinParagraphScoreLength)
            .ToList();
        var totalText = paragraphs.Sum(p => p.Text.Length);
        if (totalText == 0)
        {
            return [root];
        }

        // A semantic container that holds most of the page's paragraph text is the article.
        foreach (var selector in new[] { "[itemprop=articleBody]", "article", "main, [role=main]" })
        {
            var matches = root.QuerySelectorAll(selector).ToList();
            var best = matches
                .Select(m => (Element: m, Text: paragraphs.Where(p => m.Contains(p.Element)).Sum(p => p.Text.Length)))
                .OrderByDescending(m => m.Text)
                .FirstOrDefault();
            if (best.Element is not null && best.Text >= 0.6 * totalText)
            {
                return [best.Element];
            }
        }

        var scores = new Dictionary<IElement, double>();
        foreach (var (element, text) in paragraphs)
        {
            var score = 1 + text.Count(c => c is ',' or '、' or '，') + Math.Min(text.Length / 100.0, 3);
            var ancestor = element.ParentElement;
            for (var level = 0; ancestor is not null && level < 3; level++, ancestor = ancestor.ParentElement)
            {
                if (!scores.ContainsKey(ancestor))
                {
                    scores[ancestor] = InitialScore(ancestor);
                }

                scores[ancestor] += score / (level == 0 ? 1 : level * 2);
            }
        }

        if (scores.Count == 0)
        {
            return [root];
        }

        var final = scores.ToDictionary(s => s.Key, s => s.Value * (1 - LinkDensity(s.Key)));
        var top = final.MaxBy(s => s.Value).Key;
        var topScore = final[top];
        if (top.ParentElement is not { } parent || top == root)
        {
            return [top];
        }

        // Readability's sibling pass: content split over several containers under one parent.
        var threshold = Math.Max(10, topScore * 0.2);
        var included = new List<IElement>();
        foreach (var sibling in parent.Children)
        {
            if (sibling == top
                || (final.TryGetValue(sibling, out var s) && s >= threshold)
                || sibling.LocalName is "h2" or "h3" or "h4"
                || sibling.LocalName is "figure" or "picture" or "img"
                || (sibling.LocalName is "p" or "ul" or "ol" && LinkDensity(sibling) < 0.25 && Clean(sibling.TextContent).Length > 0))
            {
                included.Add(sibling);
            }
        }

        return included;
    }

    private static bool IsParagraphLike(IElement element) =>
        element.LocalName != "div" || !element.Children.Any(c => BlockTags.Contains(c.LocalName));

    private static double InitialScore(IElement element)
    {
        var score = element.LocalName switch
        {
            "article" or "main" => 10,
            "div" or "section" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        var classAndId = $"{element.GetAttribute("class")} {element.Id}";
        if (NegativeClass().IsMatch(classAndId))
        {
            score -= 25;
        }

        if (PositiveClass().IsMatch(classAndId))
        {
            score += 25;
        }

        return score;
    }

    private static double LinkDensity(IElement element)
    {
        var length = element.TextContent.Length;
        if (length == 0)
        {
            return 0;
        }

        var links = element.QuerySelectorAll("a").Sum(a => a.TextContent.Length);
        return Math.Min(1, (double)links / length);
    }

    private static List<ArticleSection> BuildSections(List<Block> blocks, string title)
    {
        var headings = blocks.OfType<HeadingBlock>().ToList();
        var levels = headings.Select(h => h.Level).ToHashSet();
        HashSet<int> sectionLevels;
        if (levels.Contains(2) || levels.Contains(3))
        {
            sectionLevels = [2, 3];
        }
        else if (headings.Count(h => h.Level == 1 && !SameText(h.Text, title)) > 0)
        {
            sectionLevels = [1];
        }
        else if (levels.Where(l => l >= 4).ToList() is { Count: > 0 } low)
        {
            sectionLevels = [low.Min()];
        }
        else
        {
            sectionLevels = [];
        }

        var sections = new List<SectionBuilder>();
        SectionBuilder? current = null;
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock h when sectionLevels.Contains(h.Level) && !SameText(h.Text, title):
                    current = new SectionBuilder(h.Text);
                    sections.Add(current);
                    break;
                case ParagraphBlock p:
                    if (current is null)
                    {
                        current = new SectionBuilder(null);
                        sections.Add(current);
                    }

                    if (!current.Paragraphs.Contains(p.Text))
                    {
                        current.Paragraphs.Add(p.Text);
                    }

                    break;
                case ImageBlock image:
                    if (current is null)
                    {
                        current = new SectionBuilder(null);
                        sections.Add(current);
                    }

                    current.ImageUrl ??= image.Url;
                    break;
            }
        }

        var result = sections.Where(s => s.Paragraphs.Count > 0).ToList();
        if (sectionLevels.Count == 0 && result.Count == 1)
        {
            result = GroupParagraphs(result[0]);
        }

        return result.Select(s => new ArticleSection(s.Heading, s.Paragraphs, s.ImageUrl)).ToList();
    }

    // Without headings, a few paragraphs make a section: about what one slide can carry
    // (at most three paragraphs, or about 45 s of speech).
    private static List<SectionBuilder> GroupParagraphs(SectionBuilder all)
    {
        var target = TextTools.DetectLanguage(string.Concat(all.Paragraphs)) == "ja" ? 250 : 500;
        var groups = new List<SectionBuilder>();
        SectionBuilder? group = null;
        foreach (var paragraph in all.Paragraphs)
        {
            if (group is null || group.Paragraphs.Count >= 3 || group.Paragraphs.Sum(p => p.Length) >= target)
            {
                group = new SectionBuilder(null);
                groups.Add(group);
            }

            group.Paragraphs.Add(paragraph);
        }

        // The images of an article without headings go to the groups in order.
        if (all.ImageUrl is not null)
        {
            groups[0].ImageUrl = all.ImageUrl;
        }

        return groups;
    }

    private static bool SameText(string a, string b) =>
        a.Length > 0 && b.Length > 0 && (string.Equals(a, b, StringComparison.OrdinalIgnoreCase) ||
            b.StartsWith(a, StringComparison.OrdinalIgnoreCase) || a.StartsWith(b, StringComparison.OrdinalIgnoreCase));

    internal static string? ImageUrl(string? src, Uri baseUrl)
    {
        if (string.IsNullOrWhiteSpace(src))
        {
            return null;
        }

        src = src.Trim();
        if (src.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!Uri.TryCreate(baseUrl, src, out var url) || url.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var path = url.AbsolutePath.ToLowerInvariant();
        return path.EndsWith(".svg", StringComparison.Ordinal) || path.EndsWith(".ico", StringComparison.Ordinal)
            ? null
            : url.AbsoluteUri;
    }

    private sealed class SectionBuilder(string? heading)
    {
        public string? Heading { get; } = heading;

        public List<string> Paragraphs { get; } = [];

        public string? ImageUrl { get; set; }
    }

    private abstract record Block;

    private sealed record HeadingBlock(int Level, string Text) : Block;

    private sealed record ParagraphBlock(string Text) : Block;

    private sealed record ImageBlock(string Url, string? Alt) : Block;

    /// <summary>Turns the content elements into headings, paragraphs and images in reading order.</summary>
    private sealed partial class BlockWalker(List<Block> blocks, Uri baseUrl)
    {
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
            if (SkippedTags.Contains(tag) || (tag == "sup" && FootnoteMark().IsMatch(element.TextContent)))
            {
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

            if (tag == "a")
            {
                _linkDepth++;
            }

            foreach (var child in element.ChildNodes)
            {
                Visit(child);
            }

            if (tag == "a")
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
            var heading = Clean(string.Concat(headingNodes.Select(n => n.TextContent)));
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
}
