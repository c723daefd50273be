using System.Text;
using System.Text.RegularExpressions;
using MovieGen.Pipeline.Content;

namespace MovieGen.Pipeline.Script;

/// <summary>Kana spellings for what MeCab leaves as written (Latin words, digits, symbols) and the
/// final clean-up of a reading for espeak-ng: hiragana only, long-vowel marks spelled out, the
/// punctuation that makes pauses kept, nothing else.</summary>
internal static partial class KanaText
{
    private static readonly string[] Digits = ["ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"];

    private static readonly Dictionary<char, string> Letters = new()
    {
        ['a'] = "えい", ['b'] = "びい", ['c'] = "しい", ['d'] = "でぃい", ['e'] = "いい", ['f'] = "えふ",
        ['g'] = "じい", ['h'] = "えいち", ['i'] = "あい", ['j'] = "じぇい", ['k'] = "けい", ['l'] = "える",
        ['m'] = "えむ", ['n'] = "えぬ", ['o'] = "おう", ['p'] = "ぴい", ['q'] = "きゅう", ['r'] = "あある",
        ['s'] = "えす", ['t'] = "てぃい", ['u'] = "ゆう", ['v'] = "ぶい", ['w'] = "だぶりゅう", ['x'] = "えっくす",
        ['y'] = "わい", ['z'] = "ぜっと",
    };

    private static readonly Dictionary<char, string> Symbols = new()
    {
        ['%'] = "ぱーせんと", ['&'] = "あんど", ['+'] = "ぷらす", ['@'] = "あっと", ['='] = "いこーる",
        ['#'] = "しゃーぷ", ['$'] = "どる", ['€'] = "ゆーろ", ['¥'] = "えん", ['〜'] = "から", ['~'] = "から", ['～'] = "から",
    };

    /// <summary>Spells out a run of text MeCab could not read: Latin words, numbers, symbols.</summary>
    public static string ReadRaw(string run, TermDictionary? terms = null)
    {
        terms ??= TermDictionary.BuiltIn;
        var sb = new StringBuilder();
        var i = 0;
        while (i < run.Length)
        {
            var c = run[i];
            if (MatchWord(run, i, terms) is { } word)
            {
                sb.Append(word.Reading);
                i += word.Length;
            }
            else if (char.IsAsciiDigit(c))
            {
                var number = NumberPattern().Match(run, i);
                sb.Append(ReadNumber(number.Value));
                i += number.Length;
            }
            else if (char.IsAsciiLetter(c))
            {
                var letters = LetterRun().Match(run, i);
                sb.Append(ReadWord(letters.Value, terms));
                i += letters.Length;
            }
            else
            {
                sb.Append(c switch
                {
                    '.' when i + 1 < run.Length && char.IsAsciiLetterOrDigit(run[i + 1]) && i > 0 => "どっと",
                    '.' => "。",
                    '!' => "！",
                    '?' => "？",
                    ',' or ':' or ';' => "、",
                    _ when TextTools.IsKana(c) || c is '、' or '。' or '！' or '？' => c.ToString(),
                    _ => Symbols.GetValueOrDefault(c, ""),
                });
                i++;
            }
        }

        return sb.ToString();
    }

    private static (string Reading, int Length)? MatchWord(string run, int start, TermDictionary terms)
    {
        if (start > 0 && char.IsAsciiLetter(run[start - 1]))
        {
            return null;
        }

        var match = DictionaryCandidate().Match(run, start);
        for (var length = match.Length; length > 0; length--)
        {
            if (start + length < run.Length && char.IsAsciiLetterOrDigit(run[start + length - 1]) && char.IsAsciiLetter(run[start + length]))
            {
                continue;
            }

            if (terms.TryGet(run.Substring(start, length), out var reading))
            {
                return (reading, length);
            }
        }

        return null;
    }

    /// <summary>A Latin word: from the dictionary, else by its camel-case parts; a short all-caps
    /// acronym (API, WAL) letter by letter; any other word as it sounds, never spelled out.</summary>
    private static string ReadWord(string word, TermDictionary terms)
    {
        if (terms.TryGet(word, out var reading))
        {
            return reading;
        }

        var parts = CamelParts().Matches(word).Select(m => m.Value).ToList();
        if (parts.Count > 1)
        {
            return string.Concat(parts.Select(p => ReadWord(p, terms)));
        }

        return IsAcronym(word) ? Spell(word) : EnglishKana.Transliterate(word);
    }

    /// <summary>Read letter by letter: all capitals and at most five letters (WAL, HTTP, NASA is
    /// in the dictionary), or a single letter.</summary>
    public static bool IsAcronym(string word) =>
        word.Length == 1 || (word.Length <= 5 && word.All(char.IsAsciiLetterUpper));

    private static string Spell(string word) => string.Concat(word.ToLowerInvariant().Select(ch => Letters.GetValueOrDefault(ch, "")));

    /// <summary>A number as spoken: 2024 → にせんにじゅうよん, 3.14 → さんてんいちよん, a version
    /// 3.10.2 → さんてんじゅうてんに (each part a whole number). Numbers with leading zeros or too
    /// many digits for 兆 are read digit by digit.</summary>
    public static string ReadNumber(string number)
    {
        var parts = number.Split('.');
        if (parts.Length > 2)
        {
            return string.Join("てん", parts.Select(ReadNumber));
        }

        var dot = number.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            return ReadNumber(number[..dot]) + "てん" + string.Concat(number[(dot + 1)..].Select(d => Digits[d - '0']));
        }

        if ((number.Length > 1 && number[0] == '0') || number.Length > 16)
        {
            return string.Concat(number.Select(d => Digits[d - '0']));
        }

        var value = long.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
        if (value == 0)
        {
            return "ぜろ";
        }

        var sb = new StringBuilder();
        (long Unit, string Name)[] units = [(1_000_000_000_000, "ちょう"), (100_000_000, "おく"), (10_000, "まん"), (1, "")];
        foreach (var (unit, name) in units)
        {
            var chunk = (int)(value / unit % 10_000);
            if (chunk == 0)
            {
                continue;
            }

            var chunkText = ReadBelow10000(chunk);
            if (name == "ちょう" && chunkText.EndsWith("いち", StringComparison.Ordinal))
            {
                chunkText = chunkText[..^2] + "いっ";
            }

            sb.Append(chunkText).Append(name);
        }

        return sb.ToString();
    }

    private static string ReadBelow10000(int n)
    {
        var sb = new StringBuilder();
        var thousands = n / 1000;
        var hundreds = n / 100 % 10;
        var tens = n / 10 % 10;
        var ones = n % 10;
        sb.Append(thousands switch { 0 => "", 1 => "せん", 3 => "さんぜん", 8 => "はっせん", _ => Digits[thousands] + "せん" });
        sb.Append(hundreds switch { 0 => "", 1 => "ひゃく", 3 => "さんびゃく", 6 => "ろっぴゃく", 8 => "はっぴゃく", _ => Digits[hundreds] + "ひゃく" });
        sb.Append(tens switch { 0 => "", 1 => "じゅう", _ => Digits[tens] + "じゅう" });
        sb.Append(ones == 0 ? "" : Digits[ones]);
        return sb.ToString();
    }

    /// <summary>Merges MeCab's reading (orthographic: キョウ) into its pronunciation (キョー, and
    /// particles as spoken: ワ for は): where the pronunciation has a long-vowel mark and the reading
    /// a real kana at the same place, the reading's kana is the better guide for espeak-ng.</summary>
    public static string MergeReading(string reading, string pronunciation)
    {
        if (reading.Length != pronunciation.Length)
        {
            return pronunciation;
        }

        var chars = pronunciation.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == 'ー' && reading[i] != 'ー')
            {
                chars[i] = reading[i];
            }
        }

        return new string(chars);
    }

    /// <summary>The final form for espeak-ng: hiragana, ー replaced by the vowel before it, を as お,
    /// 、。？！ kept as pauses, everything else (kanji, Latin letters, brackets) dropped.</summary>
    public static string Finalise(string kana)
    {
        var sb = new StringBuilder(kana.Length);
        foreach (var raw in kana)
        {
            var c = ToHiragana(raw);
            if (c == 'ー')
            {
                if (sb.Length > 0 && Vowel(sb[^1]) is { } vowel)
                {
                    sb.Append(vowel);
                }
            }
            else if (c == 'を')
            {
                sb.Append('お');
            }
            else if (c is >= 'ぁ' and <= 'ゔ')
            {
                sb.Append(c);
            }
            else if (Pause(c) is { } pause && sb.Length > 0 && sb[^1] is not ('、' or '。' or '？' or '！'))
            {
                sb.Append(pause);
            }
        }

        return sb.ToString();
    }

    private static char? Pause(char c) => c switch
    {
        '。' or '．' or '.' => '。',
        '、' or '，' or ',' or '・' or ';' or '：' or ':' or '；' => '、',
        '？' or '?' => '？',
        '！' or '!' => '！',
        _ => null,
    };

    public static char ToHiragana(char c) => c switch
    {
        'ヵ' => 'か',
        'ヶ' => 'け',
        'ヷ' => 'ば',
        'ヸ' => 'び',
        'ヹ' => 'べ',
        'ヺ' => 'ぼ',
        >= 'ァ' and <= 'ヴ' => (char)(c - 0x60),
        _ => c,
    };

    private static char? Vowel(char c)
    {
        const string a = "あかさたなはまやらわがざだばぱぁゃゎ";
        const string i = "いきしちにひみりぎじぢびぴぃ";
        const string u = "うくすつぬふむゆるぐずづぶぷぅゅゔ";
        const string e = "えけせてねへめれげぜでべぺぇ";
        const string o = "おこそとのほもよろをごぞどぼぽぉょ";
        return a.Contains(c) ? 'あ' : i.Contains(c) ? 'い' : u.Contains(c) ? 'う' : e.Contains(c) ? 'え' : o.Contains(c) ? 'お' : null;
    }

    /// <summary>True when <paramref name="reading"/> holds only kana, the long-vowel mark,
    /// punctuation and spaces: no kanji, no Latin letters, no digits.</summary>
    public static bool IsKanaOnly(string reading) =>
        reading.All(c => TextTools.IsKana(c) || char.IsWhiteSpace(c) || char.IsPunctuation(c) || c is '〜' or '～' or '…');

    [GeneratedRegex(@"\d+(?:\.\d+)*")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex LetterRun();

    [GeneratedRegex(@"[A-Za-z0-9.+#\-]+")]
    private static partial Regex DictionaryCandidate();

    [GeneratedRegex(@"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")]
    private static partial Regex CamelParts();
}
