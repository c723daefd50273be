using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Slides;

/// <summary>The 3–5 points a slide shows, each a whole idea: a short complete sentence, or the
/// main clause of a longer one (the part that carries its verb), never a clause cut before its
/// verb ("SQLiteの初期設定では") and never a sentence cut off with "…".</summary>
public static class KeyPoints
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
    public static List<string> FromSentences(IEnumerable<string> sentences, string language, int count = Max) =>
        sentences.Select(s => Whole(s, language)).OfType<string>().Distinct().Take(count).ToList();

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

            var standsAlone = japanese
                ? main.Length >= 10 && !StartsWithConjunction(main)
                : main.Split(' ').Length >= 4 && char.IsLetter(main[0]) && !main.StartsWith("and ", StringComparison.OrdinalIgnoreCase)
                    && !main.StartsWith("but ", StringComparison.OrdinalIgnoreCase) && !main.StartsWith("which ", StringComparison.OrdinalIgnoreCase);
            if (standsAlone)
            {
                return japanese ? main : char.ToUpperInvariant(main[0]) + main[1..];
            }
        }

        return null;
    }

    private static bool StartsWithConjunction(string clause) =>
        clause.StartsWith("それ", StringComparison.Ordinal) || clause.StartsWith("そして", StringComparison.Ordinal) || clause.StartsWith("ただし", StringComparison.Ordinal);

    private static string TrimEnd(string text) => text.TrimEnd('。', '．', '.', '！', '!', '？', '?', ' ', '、', ',');
}
