using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Slides;

/// <summary>The 3–5 points a slide shows: the script's own key points, or else the section's
/// informative narration sentences (questions and short reactions like 「なるほど！」 skipped).</summary>
public static class KeyPoints
{
    public const int Max = 5;
    private const int MaxDerivedLength = 42;

    public static IReadOnlyList<string> For(ScriptSection section)
    {
        var given = section.KeyPoints.Select(p => p.Trim()).Where(p => p.Length > 0).Take(Max).ToList();
        if (given.Count > 0)
        {
            return given;
        }

        return section.Narrations
            .SelectMany(n => SplitSentences(n.Text))
            .Select(s => s.Trim().TrimEnd('。', '.', '、', ',', '！', '!'))
            .Where(s => s.Length >= 8 && !s.EndsWith('？') && !s.EndsWith('?'))
            .Select(s => s.Length > MaxDerivedLength ? s[..(MaxDerivedLength - 1)].TrimEnd() + "…" : s)
            .Distinct()
            .Take(4)
            .ToList();
    }

    private static IEnumerable<string> SplitSentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var end = text[i] is '。' or '！' or '？' or '!' or '?'
                || (text[i] == '.' && (i + 1 == text.Length || text[i + 1] == ' '));
            if (end)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
