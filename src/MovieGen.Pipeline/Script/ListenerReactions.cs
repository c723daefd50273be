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
        // "ジャーナル" was heard in "ジャーナルファイル" (and "SQLite" in "SQLiteの"): no question.
        var term = Terms(next).FirstOrDefault(t => !_mentioned.Any(m => m.Contains(t, StringComparison.OrdinalIgnoreCase) || t.Contains(m, StringComparison.OrdinalIgnoreCase)));
        if (term is null)
        {
            return null;
        }

        _mentioned.Add(term);
        return Pick(templates.AskTerm, term.Length)(term);
    }

    /// <summary>True when <paramref name="said"/> has a number the listener has not echoed yet.</summary>
    public bool HasNewNumber(string said) => Number().Matches(said).Any(m => !_echoed.Contains(m.Value.Trim()));

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

    /// <summary>The listener's summing-up of a section in its own words, from the first point that
    /// can be said plainly in one line; null when none can.</summary>
    public string? SumUp(IEnumerable<string> points, int position, int maxLength)
    {
        foreach (var point in points)
        {
            if (templates.Plain(point) is { } plain && Pick(templates.SumUp, position)(plain) is { } line && line.Length <= maxLength)
            {
                return line;
            }
        }

        return null;
    }

    private static T Pick<T>(IReadOnlyList<T> variants, int position) => variants[Math.Abs(position) % variants.Count];

    /// <summary>Terms a listener could ask about: katakana words of five or more, acronyms,
    /// CamelCase or hyphenated technical words, capitalised names inside a sentence, short
    /// 「quoted」 names; not a parenthetical gloss (the term before it is the one to ask about),
    /// not a word capitalised only because it starts a sentence, not an everyday loanword.</summary>
    private static IEnumerable<string> Terms(string text) =>
        TermPattern().Matches(Gloss().Replace(text, " ")).Where(m => m.Groups["q"].Success || !StartsSentence(text, m))
            .Select(m => m.Groups["q"].Success ? m.Groups["q"].Value : m.Value)
            .Where(t => !Ignored.Contains(t));

    private static bool StartsSentence(string text, Match term)
    {
        if (!char.IsUpper(term.Value[0]) || term.Value.Skip(1).Any(c => char.IsUpper(c) || c == '-' || char.IsDigit(c)))
        {
            return false;
        }

        var before = Gloss().Replace(text, " ")[..term.Index].TrimEnd();
        return before.Length == 0 || before[^1] is '.' or '!' or '?' or ':' or '"' or '“';
    }

    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "This", "That", "And", "But", "For", "With", "When", "What", "How", "Why", "Its", "Our", "You", "They", "There", "Then",
        "Web", "データベース", "コンピューター", "インターネット", "アプリケーション", "スマートフォン", "ソフトウェア", "プログラム",
        "ネットワーク", "ユーザー", "サービス", "システム", "メッセージ", "インストール",
    };

    [GeneratedRegex(@"「(?<q>[^「」]{2,12})」|\b(?:called|known as|named|termed)\s+(?<q>[a-z][a-z\-]{3,})|[ァ-ヺ][ァ-ヺー]{4,}|\b[A-Z][A-Za-z0-9\-]{2,}\b|\b[a-z]+(-[a-z]+)+\b|\b[a-z]+[A-Z][A-Za-z]*\b")]
    private static partial Regex TermPattern();

    [GeneratedRegex(@"[（(][^（）()]*[）)]")]
    private static partial Regex Gloss();

    [GeneratedRegex(@"(約|およそ|about |around |over |nearly )?\d+(?:[.,]\d+)?\s*(?:%|％|パーセント|倍|年|か月|ヶ月|日|人|回|個|件|円|ドル|万|億|兆|ページ|秒|分|時間|percent|times|years?|months?|days?|people|pages|seconds|minutes|hours|million|billion|dollars|MB|GB|ms)|数倍|千ページ|数千|数万", RegexOptions.IgnoreCase)]
    private static partial Regex Number();
}
