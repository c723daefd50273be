using System.Text;

namespace MovieGen.Pipeline.Content;

/// <summary>Character classes and whitespace rules shared by the extractor and the script writers.</summary>
internal static class TextTools
{
    public static bool IsKana(char c) => c is >= '\u3040' and <= '\u30FF';

    public static bool IsHiragana(char c) => c is >= '\u3041' and <= '\u309F';

    /// <summary>Whether a Japanese phrase ends between <paramref name="before"/> and
    /// <paramref name="after"/>: a hiragana run (usually a particle or an inflection) followed by
    /// a kanji, katakana or Latin word.</summary>
    public static bool EndsHiraganaRun(char before, char after) => IsHiragana(before) && !IsHiragana(after) && after != 'ー';

    public static bool IsKanji(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF') or '々' or '〆';

    /// <summary>Characters of Japanese running text, between which no space belongs.</summary>
    public static bool IsWide(char c) =>
        IsKana(c) || IsKanji(c) || c is (>= '\u3000' and <= '\u303F') or (>= '\uFF00' and <= '\uFFEF');

    /// <summary>"ja" when at least 30% of the letters are kana or kanji, else "en".</summary>
    public static string DetectLanguage(string text)
    {
        int japanese = 0, latin = 0;
        foreach (var c in text)
        {
            if (IsKana(c) || IsKanji(c))
            {
                japanese++;
            }
            else if (char.IsLetter(c))
            {
                latin++;
            }
        }

        return japanese > 0 && japanese >= 0.3 * (japanese + latin) ? "ja" : "en";
    }

    /// <summary>Collapses whitespace runs to one space and drops spaces between Japanese
    /// characters (line breaks in HTML source would otherwise split words).</summary>
    public static string NormaliseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u200B')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace && !(IsWide(c) && IsWide(sb[^1])))
            {
                sb.Append(' ');
            }

            pendingSpace = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    public static int CountNonWhitespace(string text) => text.Count(c => !char.IsWhiteSpace(c));
}
