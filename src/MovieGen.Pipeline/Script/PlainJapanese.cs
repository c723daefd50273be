namespace MovieGen.Pipeline.Script;

/// <summary>
/// A polite sentence (です/ます) in the plain form a listener repeats it in ("…ってことなのだ？"):
/// "ひとつです" → "ひとつ", "管理しています" → "管理している". Only endings whose plain form is
/// certain are turned; for any other ending (godan verbs like 使います, past 〜ました) the answer is
/// null and the caller says something else rather than something ungrammatical.
/// </summary>
internal static class PlainJapanese
{
    private static readonly (string Polite, string Plain)[] Endings =
    [
        ("ていません", "ていない"), ("できません", "できない"), ("ありません", "ない"), ("ではありません", "ではない"),
        ("ています", "ている"), ("ていきます", "ていく"), ("てきます", "てくる"), ("できます", "できる"),
        ("られます", "られる"), ("させます", "させる"), ("せます", "せる"), ("なります", "なる"), ("あります", "ある"),
        ("します", "する"), ("でした", "だった"), ("です", ""),
    ];

    public static string? Of(string sentence)
    {
        var text = sentence.Trim().TrimEnd('。', '！', '？', '!', '?');
        foreach (var (polite, plain) in Endings.OrderByDescending(e => e.Polite.Length))
        {
            if (text.EndsWith(polite, StringComparison.Ordinal))
            {
                var result = text[..^polite.Length] + plain;
                return result.Length >= 6 && !result.EndsWith('の') ? result : null;
            }
        }

        return null;
    }
}
