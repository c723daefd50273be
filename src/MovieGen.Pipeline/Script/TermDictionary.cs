namespace MovieGen.Pipeline.Script;

/// <summary>
/// Kana readings of English terms in Japanese narration (SQLite えすきゅーらいと, Docker どっかー):
/// a built-in list of common terms, which a user extends or overrides with a file named by
/// READING_DICTIONARY: one <c>term&lt;TAB&gt;reading</c> (or <c>term=reading</c>) a line, the
/// reading in hiragana or katakana, <c>#</c> starts a comment. Terms match case-insensitively.
/// </summary>
public sealed class TermDictionary
{
    private readonly Dictionary<string, string> _terms;

    private TermDictionary(Dictionary<string, string> terms) => _terms = terms;

    private static TermDictionary? s_builtIn;

    // Built on first use: the term table is declared below, after this property.
    public static TermDictionary BuiltIn => s_builtIn ??= new(new Dictionary<string, string>(Common, StringComparer.OrdinalIgnoreCase));

    /// <summary>The built-in terms plus those of <paramref name="path"/> (which win); the built-in
    /// ones alone when no path is given. Throws <see cref="InvalidDataException"/> naming the line
    /// of a malformed entry.</summary>
    public static TermDictionary Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return BuiltIn;
        }

        var terms = new Dictionary<string, string>(Common, StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(['\t', '='], 2, StringSplitOptions.TrimEntries);
            var reading = parts.Length == 2 ? string.Concat(parts[1].Select(KanaText.ToHiragana)) : "";
            if (parts.Length != 2 || parts[0].Length == 0 || reading.Length == 0 || !KanaText.IsKanaOnly(reading))
            {
                throw new InvalidDataException($"{path}:{number}: expected \"term<TAB>reading\" with a reading in kana, got \"{raw}\".");
            }

            terms[parts[0]] = reading;
        }

        return new TermDictionary(terms);
    }

    public bool TryGet(string term, out string reading) => _terms.TryGetValue(term, out reading!);

    private static readonly Dictionary<string, string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sqlite"] = "えすきゅーらいと", ["postgresql"] = "ぽすとぐれすきゅーえる", ["mysql"] = "まいえすきゅーえる",
        ["node.js"] = "のーどじぇーえす", ["c++"] = "しーぷらすぷらす", ["c#"] = "しーしゃーぷ", [".net"] = "どっとねっと",
        ["asp.net"] = "えーえすぴーどっとねっと", ["wi-fi"] = "わいふぁい", ["e-mail"] = "いーめーる",
        ["github"] = "ぎっとはぶ", ["gitlab"] = "ぎっとらぼ", ["git"] = "ぎっと", ["hub"] = "はぶ",
        ["google"] = "ぐーぐる", ["apple"] = "あっぷる", ["microsoft"] = "まいくろそふと", ["amazon"] = "あまぞん",
        ["windows"] = "うぃんどうず", ["linux"] = "りなっくす", ["android"] = "あんどろいど", ["iphone"] = "あいふぉん",
        ["youtube"] = "ゆーちゅーぶ", ["twitter"] = "ついったー", ["facebook"] = "ふぇいすぶっく", ["chatgpt"] = "ちゃっとじーぴーてぃー",
        ["openai"] = "おーぷんえーあい", ["python"] = "ぱいそん", ["java"] = "じゃば", ["javascript"] = "じゃばすくりぷと",
        ["typescript"] = "たいぷすくりぷと", ["rust"] = "らすと", ["ruby"] = "るびー", ["docker"] = "どっかー",
        ["kubernetes"] = "くーばねてぃす", ["react"] = "りあくと", ["chrome"] = "くろーむ", ["firefox"] = "ふぁいあふぉっくす",
        ["web"] = "うぇぶ", ["app"] = "あっぷ", ["blog"] = "ぶろぐ", ["server"] = "さーばー", ["cloud"] = "くらうど",
        ["data"] = "でーた", ["database"] = "でーたべーす", ["file"] = "ふぁいる", ["mail"] = "めーる", ["email"] = "いーめーる",
        ["online"] = "おんらいん", ["open"] = "おーぷん", ["source"] = "そーす", ["code"] = "こーど", ["copilot"] = "こぱいろっと",
        ["studio"] = "すたじお", ["visual"] = "びじゅある", ["office"] = "おふぃす", ["excel"] = "えくせる", ["word"] = "わーど",
        ["pocketbase"] = "ぽけっとべーす", ["voicevox"] = "ぼいすぼっくす", ["moviegen"] = "むーびーじぇん",
        ["ok"] = "おーけー", ["ai"] = "えーあい", ["it"] = "あいてぃー", ["tv"] = "てれび",
        ["json"] = "じぇいそん", ["yaml"] = "やむる",
        ["nasa"] = "なさ", ["unicode"] = "ゆにこーど",
        ["cache"] = "きゃっしゅ", ["browser"] = "ぶらうざ", ["proxy"] = "ぷろきし", ["header"] = "へっだー", ["checkpoint"] = "ちぇっくぽいんと",
        ["journal"] = "じゃーなる", ["mode"] = "もーど", ["log"] = "ろぐ", ["logging"] = "ろぎんぐ", ["write"] = "らいと", ["ahead"] = "あへっど",
        ["read"] = "りーど", ["pragma"] = "ぷらぐま", ["twitter"] = "ついったー", ["flexispot"] = "ふれきしすぽっと",
        ["amazon"] = "あまぞん", ["ikea"] = "いけあ", ["play"] = "ぷれい", ["wallet"] = "うぉれっと", ["store"] = "すとあ",
        ["etag"] = "いーたぐ", };
}
