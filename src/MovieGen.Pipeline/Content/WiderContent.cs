using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace MovieGen.Pipeline.Content;

/// <summary>
/// Readability keeps the best-scoring container and prunes what it judges unlikely; on long
/// structured pages (a manual chapter of sections, a story split into blocks) it keeps only the
/// introduction. This finds, in the page as served, the element that holds every paragraph
/// SmartReader kept, and offers it with the page's frame taken out (navigation, tables of
/// contents, share/related/comment boxes): the caller takes it when it holds much more prose.
/// </summary>
internal static partial class WiderContent
{
    private const int MinParagraphLength = 25;
    private const int MaxProbes = 60;
    private const double CoverShare = 0.8;
    private const double MaxLinkDensity = 0.25;
    private const int MinProseLength = 60;

    /// <param name="document">A fresh parse of the page (it is changed).</param>
    /// <param name="kept">The paragraphs SmartReader's content gave.</param>
    public static IElement? Find(IHtmlDocument document, IReadOnlyList<string> kept)
    {
        var probes = kept.Where(p => p.Length >= MinParagraphLength).Take(MaxProbes).ToList();
        var body = document.Body;
        if (probes.Count < 2 || body is null)
        {
            return null;
        }

        var byText = new Dictionary<string, IElement>(StringComparer.Ordinal);
        foreach (var element in body.QuerySelectorAll("p, li, dd, dt, blockquote, td, div"))
        {
            // Deepest element first: a <p> wins over the <div> around it with the same text.
            var text = Clean(element.TextContent);
            if (text.Length >= MinParagraphLength && (!byText.TryGetValue(text, out var found) || found.Contains(element)))
            {
                byText[text] = element;
            }
        }

        var matched = probes.Select(p => byText.GetValueOrDefault(p)).OfType<IElement>().ToList();
        if (matched.Count < Math.Max(2, probes.Count / 2))
        {
            return null;
        }

        // The deepest element holding nearly all of them: one paragraph matched elsewhere on the
        // page (a caption, a teaser) must not lift it to the whole page.
        var counts = new Dictionary<IElement, int>();
        foreach (var element in matched.Distinct())
        {
            for (var up = element; up is not null; up = up.ParentElement)
            {
                counts[up] = counts.GetValueOrDefault(up) + 1;
            }
        }

        var needed = (int)Math.Ceiling(CoverShare * matched.Distinct().Count());
        var ancestor = counts.Where(c => c.Value >= needed).Select(c => c.Key).MaxBy(e => e.GetAncestors().Count());
        if (ancestor is null || ancestor == body || ancestor == document.DocumentElement)
        {
            return null;
        }

        // The page's frame goes, but never an element that holds a paragraph SmartReader kept.
        var keep = counts.Keys.ToHashSet();
        foreach (var frame in body.QuerySelectorAll("nav, aside, form, footer, menu, dialog, [role=navigation], [role=complementary], [hidden], [aria-hidden=true]").ToList())
        {
            if (!keep.Contains(frame))
            {
                frame.Remove();
            }
        }

        foreach (var element in body.Descendants<IElement>().Where(e => !keep.Contains(e) && IsFrame(e)).ToList())
        {
            element.Remove();
        }

        if (LinkDensity(ancestor) > MaxLinkDensity)
        {
            return null; // a page column full of teasers and menus is no article
        }

        // SmartReader may have kept one section of a chapter: climb while the container sits among
        // sibling sections like it (same element and class, each under a heading) and the whole stays prose.
        var chosen = ancestor;
        while (chosen.ParentElement is { } parent && parent != body && IsSectionAmongSections(chosen) && LinkDensity(parent) <= MaxLinkDensity)
        {
            chosen = parent;
        }

        return chosen;
    }

    private static bool IsSectionAmongSections(IElement element) =>
        HasHeading(element) && element.ParentElement!.Children.Any(s => s != element && s.LocalName == element.LocalName
            && s.ClassName == element.ClassName && HasHeading(s) && Prose(s) > 0);

    private static bool HasHeading(IElement element) => element.QuerySelector("h1, h2, h3, h4, h5, h6") is not null;

    private static double LinkDensity(IElement element)
    {
        var length = Clean(element.TextContent).Length;
        var links = element.QuerySelectorAll("a[href]").Sum(a => Clean(a.TextContent).Length);
        return length == 0 ? 1 : (double)links / length;
    }

    /// <summary>Characters in the element's paragraphs of a sentence or more (innermost blocks only).</summary>
    private static int Prose(IElement element) =>
        element.QuerySelectorAll("p, li, dd, blockquote, td")
            .Where(e => e.QuerySelector("p, li, dd, blockquote, td") is null)
            .Select(e => Clean(e.TextContent).Length)
            .Where(n => n >= MinProseLength)
            .Sum();

    private static bool IsFrame(IElement element) => FrameName().IsMatch($"{element.ClassName} {element.Id}");

    private static string Clean(string text) => TextTools.NormaliseWhitespace(text).Trim();

    [GeneratedRegex(@"(^|[\s_-])(toc|navheader|navfooter|breadcrumbs?|comments?|share|sharing|social|related|sidebar|promo|advert(isement)?|ads?|newsletter|subscribe|signup|widget|menu|pagination|footer|masthead|byline|author|bio|tags?|video|player|transcript|modal|popup|dialog|hidden|hide|display-none)($|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex FrameName();
}
