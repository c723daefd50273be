using System.Text;
using MovieGen.Pipeline.Content;

namespace MovieGen.Pipeline.Script;

/// <summary>Cuts article text into sentences and sentences into narration lines short enough for
/// one subtitle: ≤ <see cref="MaxJapanese"/> characters in Japanese, ≤ <see cref="MaxLatin"/> in
/// English. Cuts at sentence marks, then clause marks, then (last resort) at a word or particle
/// boundary near an even split.</summary>
public static partial class NarrationLines
{
    public const int MaxJapanese = 40;
    public const int MaxLatin = 90;

    // Worse than a line 10 characters over the limit (4 × 10²).
    private const double StrandedPenalty = 500;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "inc", "ltd", "jr", "sr",
        "no", "fig", "vol", "approx", "dept", "est", "cf", "al",
    };

    public static int MaxLength(string language) => language == "ja" ? MaxJapanese : MaxLatin;

    /// <summary>Sentences of a paragraph, each with its closing mark and brackets.</summary>
    public static IReadOnlyList<string> Sentences(string paragraph)
    {
        var sentences = new List<string>();
        var text = paragraph.Trim();
        var start = 0;
        var depth = 0;
        var opened = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '「' or '『' or '（' or '(')
            {
                opened = depth++ == 0 ? i : opened;
                continue;
            }

            if (c is '」' or '』' or '）' or ')')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            // A quoted 「本当に？」と聞いた is one sentence; an unclosed bracket stops counting.
            if (depth > 0 && i - opened < 100)
            {
                continue;
            }

            var end = -1;
            if (c is '。' or '！' or '？' or '．')
            {
                end = i + 1;
            }
            else if (c is '.' or '!' or '?')
            {
                var next = i + 1;
                while (next < text.Length && text[next] is '"' or '\'' or ')' or '”' or '’')
                {
                    next++;
                }

                var atEnd = next >= text.Length;
                var beforeWide = !atEnd && TextTools.IsWide(text[next]);
                var beforeNewSentence = !atEnd && char.IsWhiteSpace(text[next]) && NextStartsSentence(text, next);
                if ((atEnd || beforeWide || beforeNewSentence) && !(c == '.' && IsAbbreviation(text, start, i)))
                {
                    end = next;
                }
            }

            if (end < 0)
            {
                continue;
            }

            while (end < text.Length && text[end] is '」' or '』' or '）' or ')' or '"' or '”' or '’' or '！' or '？' or '!' or '?')
            {
                end++;
            }

            Add(text[start..end]);
            start = end;
            i = end - 1;
            depth = 0;
        }

        Add(text[start..]);
        return sentences;

        void Add(string sentence)
        {
            sentence = sentence.Trim();
            if (sentence.Length > 0)
            {
                sentences.Add(sentence);
            }
        }
    }

    private static bool NextStartsSentence(string text, int whitespace)
    {
        var i = whitespace;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i < text.Length && (char.IsUpper(text[i]) || char.IsDigit(text[i]) || text[i] is '"' or '“' or '\'' or '(' || TextTools.IsWide(text[i]));
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text[wordStart..dot].Trim('(', '"', '\'');
        return Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0]));
    }

    /// <summary>A sentence as one or more lines within the language's limit, cut at clause marks
    /// so that the lines are even and none is a stranded fragment of a few characters. A clause a
    /// little over the limit stays whole rather than be cut before its verb.</summary>
    public static IReadOnlyList<string> Split(string sentence, string language)
    {
        var max = MaxLength(language);
        sentence = sentence.Trim();
        if (sentence.Length <= max)
        {
            return sentence.Length == 0 ? [] : [sentence];
        }

        var pieces = new List<string>();
        foreach (var clause in Clauses(sentence))
        {
            pieces.AddRange(clause.Trim().Length > max * 1.2 ? HardWrap(clause.Trim(), max, language) : [clause]);
        }

        // Fewest-cost grouping of consecutive pieces into lines (dynamic programming).
        var minimum = language == "ja" ? 10 : 25;
        var n = pieces.Count;
        var cost = new double[n + 1];
        var from = new int[n + 1];
        Array.Fill(cost, double.MaxValue);
        cost[0] = 0;
        for (var end = 1; end <= n; end++)
        {
            for (var start = end - 1; start >= 0; start--)
            {
                var length = string.Concat(pieces.Skip(start).Take(end - start)).Trim().Length;
                // A line may run further over the limit to take in a fragment ("この記事では、",
                // "そこで、") that would otherwise stand alone: a long subtitle reads better than
                // a few stranded characters.
                var takesFragment = end - start > 1 && (pieces[start].Trim().Length < minimum || pieces[end - 1].Trim().Length < minimum);
                if (length > max * (takesFragment ? 1.35 : 1.2) && end - start > 1)
                {
                    break;
                }

                var over = Math.Max(0, length - max);
                var line = 1.0 + (over * over * 4) + (length < minimum ? StrandedPenalty : 0) + Math.Pow((max - Math.Min(length, max)) / (double)max, 2);
                if (cost[start] + line < cost[end])
                {
                    cost[end] = cost[start] + line;
                    from[end] = start;
                }
            }
        }

        var lines = new List<string>();
        for (var end = n; end > 0; end = from[end])
        {
            lines.Insert(0, string.Concat(pieces.Skip(from[end]).Take(end - from[end])).Trim());
        }

        return lines.Where(l => l.Length > 0).ToList();
    }

    /// <summary>Pieces ending at a clause mark (、，,;：), marks kept with the piece before them.</summary>
    private static List<string> Clauses(string sentence)
    {
        var clauses = new List<string>();
        var start = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            var isMark = sentence[i] is '、' or '，' or '；' or '：' ||
                (sentence[i] is ',' or ';' or ':' && (i + 1 == sentence.Length || char.IsWhiteSpace(sentence[i + 1])));
            if (isMark)
            {
                clauses.Add(sentence[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < sentence.Length)
        {
            clauses.Add(sentence[start..]);
        }

        return clauses;
    }

    private static List<string> HardWrap(string text, int max, string language)
    {
        var lines = new List<string>();
        while (text.Length > max)
        {
            var parts = (text.Length + max - 1) / max;
            var target = (text.Length + parts - 1) / parts;
            var cut = BestCut(text, target, max, language);
            lines.Add(text[..cut].Trim());
            text = text[cut..].Trim();
        }

        if (text.Length > 0)
        {
            lines.Add(text);
        }

        return lines;
    }

    // Prefer a space (Latin) or the end of a hiragana run before a kanji/katakana word (Japanese:
    // usually right after a particle), close to an even split, never inside a Latin word or number.
    private static int BestCut(string text, int target, int max, string language)
    {
        var best = -1;
        var bestDistance = int.MaxValue;
        var low = Math.Max(1, target - (language == "ja" ? 10 : 25));
        for (var cut = low; cut <= max && cut < text.Length; cut++)
        {
            var before = text[cut - 1];
            var after = text[cut];
            var good = language == "ja"
                ? TextTools.EndsHiraganaRun(before, after)
                : char.IsWhiteSpace(after) || (char.IsWhiteSpace(before) && !char.IsWhiteSpace(after));
            // After a case particle (が・を・に・で・は・と・も・へ) the next words start a new phrase;
            // after なぜ, どう or の they still belong to it.
            // In English a new phrase starts at a relative pronoun, a conjunction or a preposition
            // ("…keep shared / caches that serve…" cuts a noun phrase; "…shared caches / that serve…" does not).
            var distance = Math.Abs(cut - target)
                + (language == "ja" && !(before is 'が' or 'を' or 'に' or 'で' or 'は' or 'と' or 'も' or 'へ' or '）' or '」') ? 8 : 0)
                + (language != "ja" && good && !PhraseStart().IsMatch(text[cut..].TrimStart()) ? 8 : 0);
            if (good && distance < bestDistance)
            {
                best = cut;
                bestDistance = distance;
            }
        }

        if (best > 0)
        {
            return best;
        }

        var fallback = Math.Min(target, max);
        while (fallback > 1 && char.IsAsciiLetterOrDigit(text[fallback - 1]) && char.IsAsciiLetterOrDigit(text[fallback]))
        {
            fallback--;
        }

        return fallback > 1 ? fallback : Math.Min(target, max);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(that|which|who|whom|whose|where|when|while|because|although|if|unless|until|and|but|or|so|to|for|from|with|without|on|in|into|of|by|at|as|than|after|before|during)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PhraseStart();
}
