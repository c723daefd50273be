using System.Text.RegularExpressions;
using System.Text;
using MovieGen.Pipeline.Processes;

namespace MovieGen.Pipeline.Script;

/// <summary>
/// Kana readings of Japanese lines from MeCab (<c>mecab</c> + <c>mecab-ipadic-utf8</c>), for
/// espeak-ng, which reads only kana in Japanese. One MeCab process reads all lines of a script.
/// Each token's pronunciation (9th feature) gives particles as spoken (今日は → キョーワ); Latin words,
/// numbers and symbols that MeCab leaves as written are spelled out in kana; the result is hiragana
/// with pauses (、。？！) and no kanji or Latin letters.
/// </summary>
public sealed partial class MecabReader(string mecabPath = "mecab", TermDictionary? terms = null)
{
    private readonly TermDictionary _terms = terms ?? TermDictionary.BuiltIn;

    /// <summary>A reader with the MECAB_PATH and READING_DICTIONARY settings.</summary>
    public static MecabReader From(PipelineOptions options) => new(options.MecabPath, TermDictionary.Load(options.ReadingDictionaryPath));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Readings for <paramref name="lines"/>, in order.</summary>
    public async Task<IReadOnlyList<string>> ReadAsync(IReadOnlyList<string> lines, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            return [];
        }

        var inputs = lines.Select(Prepare).ToList();
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunCheckedAsync(new ProcessSpec(
                mecabPath,
                // Surface, reading, pronunciation per token; unknown words keep only their surface.
                ["-F%m\\t%f[7]\\t%f[8]\\t%f[0]\\n", "-U%m\\t\\t\\t\\n", "-EEOS\\n"],
                Timeout,
                StandardInput: string.Join('\n', inputs) + "\n"), ct);
        }
        catch (ProcessFailedException ex)
        {
            throw new PipelineException(PipelineStep.Script,
                new UserText($"読みがなを作る MeCab を実行できませんでした（{mecabPath}）。mecab と mecab-ipadic-utf8 をインストールしてください。",
                    $"MeCab, which makes the kana readings, could not be run ({mecabPath}). Install mecab and mecab-ipadic-utf8."),
                isTransient: false, inner: ex);
        }

        var sentences = Parse(result.StandardOutput);
        if (sentences.Count != inputs.Count)
        {
            throw new PipelineException(PipelineStep.Script,
                new UserText($"MeCab の出力が入力と対応しません（{inputs.Count} 行に対して {sentences.Count} 行）。",
                    $"MeCab's output does not match its input ({sentences.Count} lines for {inputs.Count})."));
        }

        return inputs.Select((input, i) => Read(input, sentences[i], _terms)).ToList();
    }

    /// <summary>The text MeCab reads for a line: as written, less what is shown but not said (a
    /// parenthetical English gloss or kana reading after a term), numbers with counters already in
    /// kana, full-width forms folded.</summary>
    internal static string Prepare(string line)
    {
        // Full-width letters and digits to ASCII, half-width katakana to full width; thousands
        // separators out so 1,400 is one number.
        var text = line.Normalize(NormalizationForm.FormKC).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var isThousandsSeparator = text[i] == ',' && i > 0 && char.IsAsciiDigit(text[i - 1])
                && i + 4 <= text.Length && !text.AsSpan(i + 1, 3).ContainsAnyExceptInRange('0', '9')
                && (i + 4 == text.Length || !char.IsAsciiDigit(text[i + 4]));
            if (!isThousandsSeparator)
            {
                sb.Append(text[i]);
            }
        }

        return JapaneseNumbers.Rewrite(Gloss().Replace(sb.ToString(), ""));
    }

    // WAL（Write-Ahead Logging）, 腫瘍（しゅよう）: a gloss right after a term, only Latin or only kana.
    [GeneratedRegex(@"(?<=[^\s（(])\s?[（(](?:[A-Za-z][A-Za-z0-9 .,'&/\-]{1,60}|[ぁ-ゖァ-ヺー・]{1,30})[）)]")]
    private static partial Regex Gloss();

    private sealed record Token(string Surface, string Reading, string Pronunciation, string PartOfSpeech = "")
    {
        public bool IsRaw => Missing(Reading) && Missing(Pronunciation);

        private static bool Missing(string feature) => feature.Length == 0 || feature == "*";
    }

    private static List<List<Token>> Parse(string output)
    {
        var sentences = new List<List<Token>>();
        var current = new List<Token>();
        foreach (var line in output.Split('\n'))
        {
            if (line == "EOS")
            {
                sentences.Add(current);
                current = [];
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length >= 3)
            {
                current.Add(new Token(fields[0], fields[1], fields[2], fields.Length >= 4 ? fields[3] : ""));
            }
        }

        return sentences;
    }

    private static string Read(string input, List<Token> tokens, TermDictionary terms)
    {
        var sb = new StringBuilder();
        var cursor = 0;
        var rawStart = -1;
        var rawEnd = -1;
        Token? previous = null;
        foreach (var token in tokens)
        {
            var before = previous;
            previous = token;
            while (cursor < input.Length && char.IsWhiteSpace(input[cursor]))
            {
                cursor++;
            }

            var start = input.IndexOf(token.Surface, cursor, StringComparison.Ordinal);
            if (start < 0)
            {
                start = cursor;
            }

            var end = Math.Min(input.Length, start + token.Surface.Length);
            cursor = end;
            if (token.IsRaw)
            {
                // Consecutive unknown tokens form one run of the original text, spaces included
                // ("GitHub Copilot", "3.14"), so it can be read as a whole.
                rawStart = rawStart < 0 ? start : rawStart;
                rawEnd = end;
                continue;
            }

            FlushRaw();
            var pronunciation = token.Pronunciation is "" or "*" ? token.Reading : token.Pronunciation;
            var kana = ContextReading(token, before) ?? KanaText.MergeReading(token.Reading, pronunciation);
            sb.Append(kana.Any(char.IsAsciiLetterOrDigit) ? KanaText.ReadRaw(kana, terms) : kana);
        }

        FlushRaw();
        return KanaText.Finalise(sb.ToString());

        void FlushRaw()
        {
            if (rawStart >= 0)
            {
                sb.Append(KanaText.ReadRaw(input[rawStart..rawEnd], terms));
                rawStart = -1;
            }
        }
    }

    /// <summary>Readings MeCab gets wrong in context: 間 after a verb, an adjective or この/その is
    /// あいだ (書き込みが行われている間), not ま.</summary>
    private static string? ContextReading(Token token, Token? before) => token.Surface switch
    {
        "間" when token.Pronunciation == "マ" && before is { } b
            && (b.PartOfSpeech is "動詞" or "助動詞" or "形容詞" || b.Surface is "の" or "この" or "その" or "あの") => "アイダ",
        "この間" or "その間" or "あの間" when token.Pronunciation.EndsWith("カン", StringComparison.Ordinal) => token.Pronunciation[..^2] + "アイダ",
        _ => null,
    };
}
