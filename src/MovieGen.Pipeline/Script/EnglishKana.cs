using System.Text;
using System.Text.RegularExpressions;

namespace MovieGen.Pipeline.Script;

/// <summary>An English word not in the dictionary, written in kana as it roughly sounds
/// (Flexispot → ふれきしすぽと), so that a long word is never read out letter by letter. Spelling
/// is mapped to sounds by a few rules (silent final e, ph, ck, th, tion…), then to kana syllables.</summary>
internal static partial class EnglishKana
{
    private static readonly Dictionary<string, string[]> Rows = new()
    {
        [""] = ["あ", "い", "う", "え", "お"], ["k"] = ["か", "き", "く", "け", "こ"], ["g"] = ["が", "ぎ", "ぐ", "げ", "ご"],
        ["s"] = ["さ", "し", "す", "せ", "そ"], ["z"] = ["ざ", "じ", "ず", "ぜ", "ぞ"], ["t"] = ["た", "てぃ", "とぅ", "て", "と"],
        ["d"] = ["だ", "でぃ", "どぅ", "で", "ど"], ["n"] = ["な", "に", "ぬ", "ね", "の"], ["h"] = ["は", "ひ", "ふ", "へ", "ほ"],
        ["b"] = ["ば", "び", "ぶ", "べ", "ぼ"], ["p"] = ["ぱ", "ぴ", "ぷ", "ぺ", "ぽ"], ["m"] = ["ま", "み", "む", "め", "も"],
        ["y"] = ["や", "い", "ゆ", "いぇ", "よ"], ["r"] = ["ら", "り", "る", "れ", "ろ"], ["w"] = ["わ", "うぃ", "う", "うぇ", "うぉ"],
        ["f"] = ["ふぁ", "ふぃ", "ふ", "ふぇ", "ふぉ"], ["j"] = ["じゃ", "じ", "じゅ", "じぇ", "じょ"], ["sh"] = ["しゃ", "し", "しゅ", "しぇ", "しょ"],
        ["ch"] = ["ちゃ", "ち", "ちゅ", "ちぇ", "ちょ"], ["ts"] = ["つぁ", "つぃ", "つ", "つぇ", "つぉ"],
    };

    private static readonly Dictionary<string, string> Lone = new()
    {
        ["k"] = "く", ["g"] = "ぐ", ["s"] = "す", ["z"] = "ず", ["t"] = "と", ["d"] = "ど", ["n"] = "ん", ["h"] = "", ["b"] = "ぶ",
        ["p"] = "ぷ", ["m"] = "む", ["y"] = "い", ["r"] = "る", ["w"] = "う", ["f"] = "ふ", ["j"] = "じ", ["sh"] = "しゅ", ["ch"] = "ち", ["ts"] = "つ",
    };

    public static string Transliterate(string word)
    {
        var s = word.ToLowerInvariant();
        s = SilentE().Replace(s, "$1");
        foreach (var (from, to) in Rules)
        {
            s = s.Replace(from, to, StringComparison.Ordinal);
        }

        s = CSoft().Replace(s, "s");
        s = s.Replace('c', 'k').Replace('q', 'k').Replace('l', 'r').Replace('v', 'b');
        s = DoubleConsonant().Replace(s, "$1");
        s = s.Replace("x", "ks", StringComparison.Ordinal);

        var sb = new StringBuilder();
        var i = 0;
        while (i < s.Length)
        {
            var consonant = s.Length - i >= 2 && Rows.ContainsKey(s.Substring(i, 2)) && s[i + 1] is 'h' or 's' && s.Substring(i, 2) is "sh" or "ch" or "ts" ? s.Substring(i, 2)
                : "aeiouy".Contains(s[i]) && s[i] != 'y' ? "" : s[i].ToString();
            var next = i + consonant.Length;
            if (next < s.Length && "aeiou".Contains(s[next]) && Rows.TryGetValue(consonant, out var row))
            {
                sb.Append(row["aiueo".IndexOf(s[next])]);
                i = next + 1;
            }
            else if (consonant.Length == 0)
            {
                sb.Append(s[i] switch { 'a' => "あ", 'i' => "い", 'u' => "う", 'e' => "え", _ => "お" });
                i++;
            }
            else
            {
                sb.Append(consonant == "y" ? "い" : Lone.GetValueOrDefault(consonant, ""));
                i = next;
            }
        }

        return sb.ToString();
    }

    private static readonly (string From, string To)[] Rules =
    [
        ("tion", "shon"), ("sion", "shon"), ("ph", "f"), ("ck", "k"), ("qu", "kw"), ("th", "s"), ("ee", "ii"), ("ea", "ii"),
        ("oo", "uu"), ("ou", "au"), ("ow", "ou"), ("er", "aa"), ("ar", "aa"), ("or", "oa"), ("ay", "ei"), ("ey", "ii"), ("igh", "ai"), ("wh", "w"),
    ];

    [GeneratedRegex("([^aeiou])e$")]
    private static partial Regex SilentE();

    [GeneratedRegex("c(?=[eiy])")]
    private static partial Regex CSoft();

    [GeneratedRegex("([bcdfgklmnprstvz])\\1")]
    private static partial Regex DoubleConsonant();
}
