using System.Globalization;
using System.Text;

namespace MovieGen.Testing;

/// <summary>Precision, recall and F1 of an extracted text against the expected one, over a bag of
/// tokens: each CJK character (kanji/hanzi, kana, hangul) is a token, since those scripts do not
/// separate words; elsewhere a token is a run of letters and digits, lower-cased. Punctuation and
/// whitespace are not tokens. Text is NFKC-normalised first (全角 ５ and 5 are the same token).</summary>
public sealed record TextOverlap(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static TextOverlap Of(string extracted, string expected)
    {
        var got = Count(Tokens(extracted));
        var want = Count(Tokens(expected));
        var gotTotal = got.Values.Sum();
        var wantTotal = want.Values.Sum();
        if (gotTotal == 0 || wantTotal == 0)
        {
            return new TextOverlap(gotTotal == 0 && wantTotal == 0 ? 1 : 0, wantTotal == 0 ? 1 : 0);
        }

        var common = got.Sum(g => Math.Min(g.Value, want.GetValueOrDefault(g.Key)));
        return new TextOverlap((double)common / gotTotal, (double)common / wantTotal);
    }

    public static IEnumerable<string> Tokens(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var word = new StringBuilder();
        foreach (var rune in normalised.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                yield return rune.ToString();
            }
            else if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static bool IsCjk(Rune r) => r.Value is (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF)
        or (>= 0xF900 and <= 0xFAFF) or (>= 0xAC00 and <= 0xD7AF) or (>= 0x1100 and <= 0x11FF) or (>= 0x20000 and <= 0x2FFFF) or 0x3005;

    private static Dictionary<string, int> Count(IEnumerable<string> tokens)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in tokens)
        {
            counts[t] = counts.GetValueOrDefault(t) + 1;
        }

        return counts;
    }
}
