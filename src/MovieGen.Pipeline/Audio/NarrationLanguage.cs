namespace MovieGen.Pipeline.Audio;

/// <summary>Tells a Japanese line from an English one by its script, line by line: an English
/// article's script has no kana or kanji at all, a Japanese one has them on every line.</summary>
public static class NarrationLanguage
{
    public const string Japanese = "ja";
    public const string English = "en";

    public static string Detect(string text) => text.Any(IsJapanese) ? Japanese : English;

    public static bool IsJapanese(char c) =>
        c is >= '\u3040' and <= '\u30FF' // hiragana, katakana
            or >= '\u3400' and <= '\u4DBF' // CJK extension A
            or >= '\u4E00' and <= '\u9FFF' // CJK unified ideographs
            or >= '\u3000' and <= '\u303F' // CJK punctuation
            or >= '\uFF01' and <= '\uFF60'; // full-width forms
}
