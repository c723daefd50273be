using System.Text.RegularExpressions;

namespace MovieGen.Pipeline.Script;

/// <summary>
/// Numbers with their counters, read as a person says them (10月 じゅうがつ, 3日 みっか, 20日 はつか,
/// 1人 ひとり, 4時 よじ, 6分 ろっぷん, 2026年 にせんにじゅうろくねん, 100% ひゃくぱーせんと). MeCab reads
/// the digits of such runs one by one or with the wrong counter (10月 → じゅうつき), so they are
/// rewritten in kana before it sees the line.
/// </summary>
internal static partial class JapaneseNumbers
{
    private static readonly Dictionary<int, string> Days = new()
    {
        [1] = "ついたち", [2] = "ふつか", [3] = "みっか", [4] = "よっか", [5] = "いつか", [6] = "むいか", [7] = "なのか",
        [8] = "ようか", [9] = "ここのか", [10] = "とおか", [14] = "じゅうよっか", [20] = "はつか", [24] = "にじゅうよっか",
    };

    /// <summary>Replaces each number-with-counter in <paramref name="text"/> by its kana reading.</summary>
    public static string Rewrite(string text) => Counted().Replace(text, m =>
    {
        var number = m.Groups["n"].Value;
        var counter = m.Groups["c"].Value;
        var afterMonth = m.Index > 0 && text[..m.Index].TrimEnd().EndsWith('月');
        return Read(number, counter, afterMonth) ?? m.Value;
    });

    /// <summary>The reading of <paramref name="number"/> followed by <paramref name="counter"/>, or
    /// null when the counter is not one of ours.</summary>
    public static string? Read(string number, string counter, bool afterMonth = false)
    {
        var isInteger = !number.Contains('.');
        var value = isInteger && number.Length <= 15 ? long.Parse(number, System.Globalization.CultureInfo.InvariantCulture) : -1;
        var plain = KanaText.ReadNumber(number);
        var last = value % 10;
        var lastTwo = value % 100;
        switch (counter)
        {
            case "月" when value is >= 1 and <= 12:
                return value switch { 4 => "しがつ", 7 => "しちがつ", 9 => "くがつ", _ => plain + "がつ" };
            case "日" when value is >= 1 and <= 31 && (afterMonth || value != 1):
                if (Days.TryGetValue((int)value, out var day))
                {
                    return day;
                }

                return WithLast(value, plain, "にち", l => l switch { 7 => "しち", 9 => "く", _ => null });
            case "日":
                return plain + "にち";
            case "人":
                return value switch { 1 => "ひとり", 2 => "ふたり", _ => WithLast(value, plain, "にん", l => l switch { 4 => "よ", 7 => "しち", _ => null }) };
            case "年":
                return WithLast(value, plain, "ねん", l => l == 4 ? "よ" : null);
            case "時" or "時間":
                var hour = counter == "時" ? "じ" : "じかん";
                return WithLast(value, plain, hour, l => l switch { 4 => "よ", 7 => "しち", 9 => "く", _ => null });
            case "分":
                return Geminate(value, plain, "ふん", "ぷん", l => l is 1 or 3 or 4 or 6 or 8 || l == 0);
            case "歳" or "才":
                return value == 20 ? "はたち" : Geminate(value, plain, "さい", "さい", l => l is 1 or 8 || l == 0);
            case "回" or "階" or "個" or "件" or "か月" or "ヶ月" or "カ月" or "ヵ月" or "箇所" or "か所" or "カ所":
                var (unit, voiced) = counter switch
                {
                    "回" => ("かい", "かい"),
                    "階" => ("かい", "がい"),
                    "個" => ("こ", "こ"),
                    "件" => ("けん", "けん"),
                    "箇所" or "か所" or "カ所" => ("かしょ", "かしょ"),
                    _ => ("かげつ", "かげつ"),
                };
                if (counter == "階" && last == 3 && lastTwo != 13)
                {
                    return plain + "がい";
                }

                return Geminate(value, plain, unit, voiced, l => l is 1 or 6 or 8 || l == 0);
            case "本" or "杯" or "匹":
                var (baseKana, p, b) = counter switch { "本" => ("ほん", "ぽん", "ぼん"), "杯" => ("はい", "ぱい", "ばい"), _ => ("ひき", "ぴき", "びき") };
                if (last == 3 && value >= 0)
                {
                    return plain + b;
                }

                return Geminate(value, plain, baseKana, p, l => l is 1 or 6 or 8 || l == 0);
            case "%" or "％" or "パーセント":
                return plain + "ぱーせんと";
            case "円":
                return WithLast(value, plain, "えん", l => l == 4 ? "よ" : null);
            case "倍":
                return plain + "ばい";
            case "台":
                return plain + "だい";
            case "秒":
                return plain + "びょう";
            case "週間" or "週":
                return Geminate(value, plain, "しゅう" + (counter == "週間" ? "かん" : ""), "しゅう" + (counter == "週間" ? "かん" : ""), l => l is 1 or 8 || l == 0);
            case "万":
                return plain + "まん";
            case "億":
                return plain + "おく";
            case "兆":
                return plain + "ちょう";
            default:
                return null;
        }
    }

    // 14 → じゅうよ + ねん: replace the reading of the last digit when the counter changes it.
    private static string WithLast(long value, string plain, string counter, Func<long, string?> lastDigit)
    {
        if (value < 0 || value % 10 == 0 || lastDigit(value % 10) is not { } replacement)
        {
            return plain + counter;
        }

        var digit = KanaText.ReadNumber((value % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return plain[..^digit.Length] + replacement + counter;
    }

    // いっ・ろっ・はっ・じゅっ before k/s/t/p-sounds: 1回 いっかい, 6分 ろっぷん, 10本 じゅっぽん.
    private static string Geminate(long value, string plain, string counter, string afterSmallTsu, Func<long, bool> doubles)
    {
        var last = value % 10;
        if (value <= 0 || !doubles(last))
        {
            return plain + counter;
        }

        if (last == 0)
        {
            // じゅう → じゅっ, ひゃく → ひゃっ; せん and まん do not change.
            return plain.EndsWith("じゅう", StringComparison.Ordinal) || plain.EndsWith("ひゃく", StringComparison.Ordinal)
                ? plain[..^1] + "っ" + afterSmallTsu
                : plain + counter;
        }

        var digit = KanaText.ReadNumber(last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stem = last switch { 1 => "いっ", 6 => "ろっ", 8 => "はっ", 3 => "さん", 4 => "よん", _ => digit };
        return plain[..^digit.Length] + stem + afterSmallTsu;
    }

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*(?<c>時間|週間|か月|ヶ月|カ月|ヵ月|箇所|か所|カ所|パーセント|[月日人年時分歳才回階個件本杯匹%％円倍台秒週万億兆])")]
    private static partial Regex Counted();
}
