using System.Text.RegularExpressions;
using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Slides;

/// <summary>The 3–5 points a slide shows, each a whole idea: a short complete sentence, or the
/// main clause of a longer one (the part that carries its verb), never a clause cut before its
/// verb ("SQLiteの初期設定では") and never a sentence cut off with "…".</summary>
public static partial class KeyPoints
{
    public const int Max = 5;
    public const int MaxJapanese = 32;
    public const int MaxLatin = 70;

    /// <summary>The script's own key points, or else whole ideas from the section's informative
    /// narration (questions and short reactions like 「なるほど！」 skipped).</summary>
    public static IReadOnlyList<string> For(ScriptSection section)
    {
        var given = section.KeyPoints.Select(p => p.Trim()).Where(p => p.Length > 0).Take(Max).ToList();
        if (given.Count > 0)
        {
            return given;
        }

        var text = string.Concat(section.Narrations.Select(n => n.Text));
        return FromSentences(NarrationLines.Sentences(text).Where(s => !s.TrimEnd().EndsWith('？') && !s.TrimEnd().EndsWith('?')).ToList(),
            Audio.NarrationLanguage.Detect(text), 4);
    }

    /// <summary>Up to <paramref name="count"/> whole ideas from <paramref name="sentences"/>, in order.</summary>
    public static List<string> FromSentences(IEnumerable<string> sentences, string language, int count = Max)
    {
        var list = sentences.ToList();
        var points = list.Select(s => Whole(s, language)).OfType<string>().Distinct().Take(count).ToList();
        if (points.Count > 0)
        {
            return points;
        }

        // Long sentences only, none with a main clause that stands alone: the shortest one whole,
        // over two slide lines, rather than an empty slide or a sentence cut with "…".
        var limit = (language == "ja" ? MaxJapanese : MaxLatin) * 1.5;
        return list.Select(s => TrimEnd(s.Trim())).Where(s => s.Length <= limit).OrderBy(s => s.Length).Take(1).ToList();
    }

    /// <summary>The sentence as one slide line when it can be a whole idea, else null.</summary>
    public static string? Whole(string sentence, string language)
    {
        var text = TrimEnd(sentence.Trim());
        var japanese = language == "ja";
        var max = japanese ? MaxJapanese : MaxLatin;
        var min = japanese ? 6 : 12;
        if (text.Length < min)
        {
            return null;
        }

        if (text.Length <= max)
        {
            return text;
        }

        // The main clause: what follows the last clause mark, when it can stand alone (a verb
        // phrase in Japanese ends the sentence; in English it needs a subject and a few words).
        var marks = japanese ? new[] { '、', '，' } : [',', ';', ':'];
        for (var cut = text.LastIndexOfAny(marks); cut > 0; cut = text.LastIndexOfAny(marks, cut - 1))
        {
            var main = TrimEnd(text[(cut + 1)..].Trim());
            if (main.Length > max)
            {
                break;
            }

            // After a colon come the items of a list: the last item is not the sentence's idea.
            var colon = text.IndexOf(':');
            if (!japanese && colon >= 0 && cut > colon)
            {
                continue;
            }

            var standsAlone = japanese
                ? main.Length >= 10 && !JapaneseConnective().IsMatch(main)
                : main.Split(' ').Length >= 4 && char.IsLetter(main[0]) && !EnglishSubordinate().IsMatch(main) && EnglishFiniteVerb().IsMatch(main);
            if (standsAlone)
            {
                return japanese ? main : char.ToUpperInvariant(main[0]) + main[1..];
            }
        }

        return null;
    }

    // A clause that opens with a connective or a condition leans on the clause before it.
    [GeneratedRegex(@"^(それ|そして|ただし|また|でも|しかし|なければ|なら|さらに|つまり|一方)")]
    private static partial Regex JapaneseConnective();

    // "…, because their names are misleading", "…, even when the request carried credentials":
    // a subordinate clause or a list's tail is not the sentence's idea.
    // A clause opening with a preposition ("above all the pages…") or with a verb and its object
    // ("marks it fresh again") has lost its subject to the clause before.
    [GeneratedRegex(@"^(and|but|or|nor|so|yet|which|who|whose|where|because|since|as|if|unless|until|although|though|while|when|whenever|even|so that|such as|like|including|especially|no|not|than|then|rather|above|below|after|before|during|for|from|in|on|at|with|without|by|to|of|into|over|under|about|through)\b|^[a-z]+s\s+(it|them|the|a|an|its|their|this|that|these|those|him|her|us|you)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishSubordinate();

    // Some finite verb: a modal or a form of be/have/do, or a word in -s/-ed after a noun-like word.
    [GeneratedRegex(@"\b(is|are|was|were|be|been|has|have|had|does|do|did|can|could|may|might|must|will|would|shall|should)\b|\b[a-z]+\s+[a-z]+(s|ed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishFiniteVerb();

    private static string TrimEnd(string text) => text.TrimEnd('。', '．', '.', '！', '!', '？', '?', ' ', '、', ',');
}
