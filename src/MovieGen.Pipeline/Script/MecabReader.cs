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
public sealed class MecabReader(string mecabPath = "mecab")
{
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
                ["-F%m\\t%f[7]\\t%f[8]\\n", "-U%m\\t\\t\\n", "-EEOS\\n"],
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

        return inputs.Select((input, i) => Read(input, sentences[i])).ToList();
    }

    private static string Prepare(string line)
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

        return sb.ToString();
    }

    private sealed record Token(string Surface, string Reading, string Pronunciation)
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
                current.Add(new Token(fields[0], fields[1], fields[2]));
            }
        }

        return sentences;
    }

    private static string Read(string input, List<Token> tokens)
    {
        var sb = new StringBuilder();
        var cursor = 0;
        var rawStart = -1;
        var rawEnd = -1;
        foreach (var token in tokens)
        {
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
            var kana = KanaText.MergeReading(token.Reading, pronunciation);
            sb.Append(kana.Any(char.IsAsciiLetterOrDigit) ? KanaText.ReadRaw(kana) : kana);
        }

        FlushRaw();
        return KanaText.Finalise(sb.ToString());

        void FlushRaw()
        {
            if (rawStart >= 0)
            {
                sb.Append(KanaText.ReadRaw(input[rawStart..rawEnd]));
                rawStart = -1;
            }
        }
    }
}
