using System.Text.RegularExpressions;

namespace MovieGen.Pipeline.Content;

/// <summary>Picks the article's own headline: a page heading that the page's metadata titles
/// (SmartReader's, og:title, &lt;title&gt;) agree on, else the metadata title without the site's
/// name ("Post title | Site").</summary>
internal static partial class ArticleTitle
{
    /// <param name="headings">The page's h1 texts, then its other top headings, in document order.</param>
    /// <param name="metaTitles">Titles the page declares, best first (SmartReader's, og:title, twitter:title, &lt;title&gt;).</param>
    /// <param name="loneHeading">The page's only h1 (logos aside), if it has exactly one: the headline as
    /// shown, taken when it shares most of its words with a declared title (an edited og:title
    /// or &lt;title&gt; says the same story in other words; a section name like "Health Center" does not).</param>
    public static string Choose(IReadOnlyList<string> headings, IReadOnlyList<string> metaTitles, string? siteName, string? loneHeading = null)
    {
        var titles = metaTitles.Where(t => t.Length > 0).Distinct().ToList();
        if (loneHeading is { Length: >= 2 } lone && !IsSite(lone, siteName) && titles.Any(t => SharedWords(lone, t) >= 0.5))
        {
            return WithoutSource(lone);
        }

        foreach (var heading in headings.Where(h => h.Length >= 2).Take(8))
        {
            if (IsSite(heading, siteName))
            {
                continue;
            }

            if (titles.Any(t => Agrees(heading, t, siteName)))
            {
                // The heading is the headline as shown: only a site name in it goes ("Post – Site"),
                // not the part after its own dash ("Dress -- STOLEN!!!").
                var named = !string.IsNullOrWhiteSpace(siteName) && heading.Contains(siteName, StringComparison.OrdinalIgnoreCase);
                return WithoutSource(named ? WithoutSite(heading, siteName) : heading);
            }
        }

        var best = titles.FirstOrDefault();
        if (best is null)
        {
            return headings.FirstOrDefault(h => !IsSite(h, siteName)) ?? "";
        }

        return WithoutSource(WithoutSite(best, siteName));
    }

    /// <summary>A trailing "（配信元）" that portals append to a syndicated headline.</summary>
    private static string WithoutSource(string title) =>
        TrailingSource().Replace(title, "") is { Length: >= 6 } shorter ? shorter : title;

    [GeneratedRegex(@"\s*[（(][^（）()]{2,30}(新聞|ニュース|オンライン|通信|テレビ|放送|ANN|JNN|NNN|FNN|TBS|NHK|THE PAGE|dot\.|Yahoo!ニュース[^）)]*)[）)]\s*$")]
    private static partial Regex TrailingSource();

    /// <summary>A heading is the headline when a declared title is that heading, alone or with the
    /// site's name beside it.</summary>
    private static bool Agrees(string heading, string title, string? siteName)
    {
        if (Same(heading, title))
        {
            return true;
        }

        var headline = WithoutSite(title, siteName);
        if (Same(heading, headline))
        {
            return true;
        }

        // A title that is the heading plus a site part, or a heading that carries a kicker.
        var longer = heading.Length >= headline.Length ? heading : headline;
        var shorter = ReferenceEquals(longer, heading) ? headline : heading;
        return shorter.Length >= 6 && longer.Contains(shorter, StringComparison.OrdinalIgnoreCase) && shorter.Length >= 0.6 * longer.Length;
    }

    /// <summary>"Post title | Site" → "Post title": drops the part that is the site's name, or
    /// else the trailing parts when the leading one is a title on its own.</summary>
    public static string WithoutSite(string raw, string? siteName)
    {
        var parts = Separator().Split(raw).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (parts.Count < 2)
        {
            return raw.Trim();
        }

        if (!string.IsNullOrWhiteSpace(siteName))
        {
            var withoutSite = parts.Where(p => !IsSite(p, siteName)).ToList();
            if (withoutSite.Count < parts.Count && withoutSite.Count > 0)
            {
                return withoutSite.Count == 1 ? withoutSite[0] : Longest(withoutSite);
            }
        }

        // Keep the leading part when it is a title on its own, not "Blog" of "Blog | Post name".
        var first = parts[0];
        return LongEnough(first) ? first : LongEnough(Longest(parts)) && parts.Count > 2 ? Longest(parts) : raw.Trim();
    }

    private static string Longest(List<string> parts) => parts.MaxBy(p => p.Length)!;

    /// <summary>Share of the heading's words (CJK: characters) that the title has too.</summary>
    private static double SharedWords(string heading, string title)
    {
        var words = Words(heading);
        var other = Words(title).ToHashSet();
        return words.Count == 0 ? 0 : (double)words.Count(other.Contains) / words.Count;
    }

    private static List<string> Words(string text) =>
        WordToken().Matches(text.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant()).Select(m => m.Value).ToList();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]|[\p{L}\p{N}']{2,}")]
    private static partial Regex WordToken();

    private static bool LongEnough(string part) =>
        TextTools.DetectLanguage(part) == "ja" ? part.Length >= 8 : part.Split(' ').Length >= 3;

    private static bool IsSite(string text, string? siteName) =>
        !string.IsNullOrWhiteSpace(siteName) && Same(text, siteName);

    private static bool Same(string a, string b) =>
        string.Equals(Normalise(a), Normalise(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string text) => Quotes().Replace(TextTools.NormaliseWhitespace(text).Trim(), "'");

    [GeneratedRegex(@"\s+[|\-–—:»«/·•]{1,2}\s+|\s*[｜|]\s*|\s+::\s+")]
    private static partial Regex Separator();

    [GeneratedRegex("[‘’´`\"“”]")]
    private static partial Regex Quotes();
}
