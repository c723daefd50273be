using System.Text.RegularExpressions;

namespace MovieGen.Pipeline.Script;

/// <summary>
/// What the listener says between the explainer's lines, from what was just said and what comes
/// next: asks about a term the next line introduces, echoes a number with surprise, sums a
/// section up; otherwise one of several interjections, chosen by position (never at random, so the
/// same article gives the same script) and never the same one twice in a row.
/// </summary>
internal sealed partial class ListenerReactions(DialogueTemplates templates, string title)
{
    private readonly HashSet<string> _mentioned = new(Terms(title), StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _echoed = new(StringComparer.Ordinal);
    private int _lastInterjection = -1;
    private int _count;

    /// <summary>Notes the terms of a line everyone has now heard (a heading, an explainer line).</summary>
    public void Heard(string line)
    {
        foreach (var term in Terms(line))
        {
            _mentioned.Add(term);
        }
    }

    /// <summary>A question about the first term of <paramref name="next"/> that nobody has said
    /// yet, or null.</summary>
    public string? AskAbout(string next)
    {
        var term = Terms(next).FirstOrDefault(t => !_mentioned.Contains(t));
        if (term is null)
        {
            return null;
        }

        _mentioned.Add(term);
        return Pick(templates.AskTerm, term.Length)(term);
    }

    /// <summary>A reaction to <paramref name="said"/>: a number in it echoed, else an interjection.</summary>
    public string React(string said, int position)
    {
        _count++;
        if (Number().Matches(said).Select(m => m.Value.Trim()).FirstOrDefault(n => _echoed.Add(n)) is { } number)
        {
            return Pick(templates.EchoNumber, position)(number);
        }

        var choices = templates.Reactions.Count;
        var index = (position * 7 + _count * 3) % choices;
        if (index == _lastInterjection)
        {
            index = (index + 1) % choices;
        }

        _lastInterjection = index;
        return templates.Reactions[index];
    }

    /// <summary>The listener's summing-up of a section in its own words.</summary>
    public string SumUp(string point, int position) => Pick(templates.SumUp, position)(point);

    private static T Pick<T>(IReadOnlyList<T> variants, int position) => variants[Math.Abs(position) % variants.Count];

    /// <summary>Terms a listener could ask about: katakana words of four or more, Latin words of
    /// three letters or more, short 「quoted」 names.</summary>
    private static IEnumerable<string> Terms(string text) =>
        TermPattern().Matches(text).Select(m => m.Groups["q"].Success ? m.Groups["q"].Value : m.Value)
            .Where(t => !Ignored.Contains(t));

    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "This", "That", "And", "But", "For", "With", "When", "What", "How", "Why", "Its", "Our", "You", "They", "There", "Then",
    };

    [GeneratedRegex(@"「(?<q>[^「」]{2,12})」|[ァ-ヺ][ァ-ヺー]{3,}|\b[A-Z][A-Za-z0-9\-]{2,}\b")]
    private static partial Regex TermPattern();

    [GeneratedRegex(@"(約|およそ|about |around |over |nearly )?\d+(?:[.,]\d+)?\s*(?:%|％|パーセント|倍|年|か月|ヶ月|日|人|回|個|件|円|ドル|万|億|兆|ページ|秒|分|時間|percent|times|years?|months?|days?|people|pages|seconds|minutes|hours|million|billion|dollars|MB|GB|ms)|数倍|千ページ|数千|数万", RegexOptions.IgnoreCase)]
    private static partial Regex Number();
}
