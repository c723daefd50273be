using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SmartReader;

namespace MovieGen.Pipeline.Content;

/// <summary>
/// Extracts an article with SmartReader (a maintained port of Mozilla Readability) finding the
/// main content, plus what we add: the article's own headline, sections from its headings,
/// candidate images, the language, and the removal of page furniture (<see cref="PageFurniture"/>)
/// the reader must never hear. When SmartReader finds no content, the page's visible text blocks
/// are used, so only a page that truly has no article ends up too short. Never throws on
/// malformed HTML: the HTML5 parser repairs it the way browsers do.
/// </summary>
public static partial class ArticleExtractor
{
    // How much more prose the element around SmartReader's paragraphs must hold to replace them:
    // well above what a few captions or a stray box add.
    private const double WiderContentGain = 1.3;
    private const int MinProseParagraph = 60;

    private const string FallbackRemovedSelector =
        "script, style, noscript, template, iframe, object, embed, form, button, input, select, textarea, svg, " +
        "canvas, nav, header, footer, aside, dialog, menu, [hidden], [aria-hidden=true], [role=navigation], " +
        "[role=banner], [role=contentinfo], [role=complementary], [role=dialog], [role=search], [role=menu], [role=toolbar]";

    /// <summary>Extracts the article from <paramref name="html"/>; <paramref name="pageUrl"/>
    /// (the final URL after redirects) makes relative image URLs absolute.</summary>
    public static Article Extract(string html, Uri pageUrl)
    {
        var document = Parse(html);
        var baseUrl = BaseUrl(document, pageUrl);
        var ogImage = ImageUrl(Meta(document, "og:image") ?? Meta(document, "twitter:image"), baseUrl);
        var description = Meta(document, "description") ?? Meta(document, "og:description") ?? Meta(document, "twitter:description");
        var siteName = Meta(document, "og:site_name") ?? Meta(document, "application-name");
        var headings = document.QuerySelectorAll("h1").Concat(document.QuerySelectorAll("[itemprop=headline], .entry-title, .post-title, .article-title, h2"))
            .Select(h => HeadingText(h.TextContent)).Where(h => h.Length is > 0 and <= 200).Distinct().ToList();
        var pageHeadings = document.QuerySelectorAll("h1").Where(h => !IsLogo(h)).Select(h => HeadingText(h.TextContent)).Where(h => h.Length > 0).Distinct().ToList();
        var declared = new[] { Meta(document, "og:title"), Meta(document, "twitter:title"), document.QuerySelector("title") is { } t ? Clean(t.TextContent) : null };

        var smart = ReadWithSmartReader(document, pageUrl, out var content);
        var byline = Clean(smart?.Byline ?? smart?.Author ?? "") is { Length: > 0 } b ? b : null;
        var title = ArticleTitle.Choose(headings, [Clean(smart?.Title ?? ""), .. declared.OfType<string>()], siteName,
            pageHeadings.Count == 1 ? pageHeadings[0] : null);

        var blocks = content is null ? [] : Walk([content], baseUrl);
        if (WiderContent.Find(Parse(html), blocks.OfType<ParagraphBlock>().Select(p => p.Text).ToList()) is { } wider)
        {
            var widerBlocks = Walk([wider], baseUrl);
            if (ProseLength(widerBlocks) > WiderContentGain * ProseLength(blocks))
            {
                blocks = widerBlocks;
            }
        }

        if (ParagraphLength(blocks) < ArticleFetcher.MinTextLength)
        {
            // SmartReader found no content (or next to none): read the page's visible blocks.
            var fallback = Walk(FallbackContent(Parse(html)), baseUrl);
            if (ParagraphLength(fallback) > ParagraphLength(blocks))
            {
                blocks = fallback;
            }
        }

        blocks = WithoutFurniture(blocks, byline, title);
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
            (s.Heading is null ? s.Paragraphs : [s.Heading, .. s.Paragraphs]).Concat(s.Listings ?? [])));
        var language = TextTools.DetectLanguage(title + "\n" + text);
        description ??= smart?.Excerpt is { Length: > 0 } excerpt && !PageFurniture.IsFurniture(excerpt, byline) ? Clean(excerpt) : null;
        DateTimeOffset? published = smart?.PublicationDate is { Year: > 1900 } date
            ? new DateTimeOffset(DateTime.SpecifyKind(date, date.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : date.Kind))
            : null;

        return new Article(pageUrl.AbsoluteUri, title, description, language, sections, images.Take(30).ToList(), text, byline, published);
    }

    /// <summary>Characters of paragraph text (headings not counted): the "enough to explain" measure.</summary>
    public static int MainTextLength(Article article) =>
        article.Sections.SelectMany(s => s.Paragraphs).Sum(TextTools.CountNonWhitespace);

    private static IHtmlDocument Parse(string html) =>
        // Scripting on, as SmartReader parses: <noscript> is raw text, its lazy-image fallbacks unwrapped by it.
        new HtmlParser(new HtmlParserOptions { IsScripting = true }).ParseDocument(html);

    private static SmartReader.Article? ReadWithSmartReader(IHtmlDocument document, Uri pageUrl, out IElement? content)
    {
        var article = new Reader(pageUrl.AbsoluteUri, document).GetArticle();
        // Its final content as HTML: the element a custom operation is handed can be an earlier
        // attempt's (SmartReader retries with looser rules when the first result is short).
        content = string.IsNullOrWhiteSpace(article.Content) ? null : Parse(article.Content).Body;
        return article.Errors.Count > 0 && content is null ? null : article;
    }

    private static List<Block> Walk(IEnumerable<IElement> elements, Uri baseUrl)
    {
        var blocks = new List<Block>();
        foreach (var element in elements)
        {
            new BlockWalker(blocks, baseUrl).Walk(element);
        }

        return blocks;
    }

    private static int ParagraphLength(List<Block> blocks) =>
        blocks.OfType<ParagraphBlock>().Sum(p => TextTools.CountNonWhitespace(p.Text));

    // Prose is what more of an article brings: paragraphs of a sentence or more, not the short
    // lines of buttons, notices and teasers.
    private static int ProseLength(List<Block> blocks) =>
        blocks.OfType<ParagraphBlock>().Select(p => TextTools.CountNonWhitespace(p.Text))
            .Where(n => n >= MinProseParagraph).Sum();

    private static IEnumerable<IElement> FallbackContent(IHtmlDocument document)
    {
        var root = document.Body ?? document.DocumentElement;
        foreach (var element in root.QuerySelectorAll(FallbackRemovedSelector).ToList())
        {
            element.Remove();
        }

        foreach (var element in root.QuerySelectorAll("[style]").ToList())
        {
            if (HiddenStyle().IsMatch(element.GetAttribute("style")!))
            {
                element.Remove();
            }
        }

        return [root];
    }

    /// <summary>Drops bylines, dates, reading time, share/tag/credit lines, the headline repeated
    /// as a paragraph, and whole blocks under furniture headings (related articles, comments).</summary>
    private static List<Block> WithoutFurniture(List<Block> blocks, string? byline, string title)
    {
        var kept = new List<Block>();
        var skippingLevel = 0;
        foreach (var block in blocks)
        {
            if (block is HeadingBlock heading)
            {
                if (skippingLevel > 0 && heading.Level > skippingLevel)
                {
                    continue;
                }

                skippingLevel = PageFurniture.IsFurnitureHeading(heading.Text) ? heading.Level : 0;
                if (skippingLevel == 0)
                {
                    kept.Add(block);
                }

                continue;
            }

            var furniture = skippingLevel > 0 || block is ParagraphBlock p
                && (PageFurniture.IsFurniture(p.Text, byline) || (SameText(p.Text, title) && p.Text.Length <= title.Length + 2));
            if (!furniture)
            {
                kept.Add(block);
            }
        }

        return kept;
    }

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

    /// <summary>A heading's text without the permalink mark documentation generators append ("2. Archive¶").</summary>
    internal static string HeadingText(string text) => Clean(text).TrimEnd('¶', '§', '#', ' ');

    /// <summary>An h1 that is the site's logo or name, not a headline: a logo class, an image alone, a link home.</summary>
    private static bool IsLogo(IElement h1) =>
        LogoName().IsMatch($"{h1.ClassName} {h1.Id}")
        || (Clean(h1.TextContent).Length == 0)
        || h1.QuerySelector("a[href='/'], a[href='./'], a[href='index.html']") is { } home && Clean(home.TextContent) == Clean(h1.TextContent);

    [GeneratedRegex(@"logo|site-?(name|title)|brand|masthead", RegexOptions.IgnoreCase)]
    private static partial Regex LogoName();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

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
                case ListingBlock listing:
                    if (current is null)
                    {
                        current = new SectionBuilder(null);
                        sections.Add(current);
                    }

                    current.Listings.Add(listing.Text);
                    break;
            }
        }

        // A section of listings alone (a heading over a code block) is not a section to narrate:
        // its listings stay in the article with the section before it (or after, at the start).
        var result = new List<SectionBuilder>();
        var pending = new List<string>();
        foreach (var section in sections)
        {
            if (section.Paragraphs.Count == 0)
            {
                (result.Count > 0 ? result[^1].Listings : pending).AddRange(section.Listings);
                continue;
            }

            section.Listings.InsertRange(0, pending);
            pending.Clear();
            result.Add(section);
        }

        if (sectionLevels.Count == 0 && result.Count == 1)
        {
            result = GroupParagraphs(result[0]);
        }

        return result.Select(s => new ArticleSection(s.Heading, s.Paragraphs, s.ImageUrl, s.Listings.Count > 0 ? s.Listings : null)).ToList();
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

        groups[^1].Listings.AddRange(all.Listings);

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

        public List<string> Listings { get; } = [];
    }
}
