using System.Text;
using System.Text.RegularExpressions;
using UtfUnknown;

namespace MovieGen.Pipeline.Content;

/// <summary>Decodes an HTML body the way browsers decide its encoding: byte-order mark, then the
/// Content-Type charset, then a <c>&lt;meta charset&gt;</c> or http-equiv declaration in the first
/// bytes, then statistical detection (many Japanese pages are Shift_JIS or EUC-JP and say so
/// nowhere), then UTF-8.</summary>
public static partial class HtmlCharset
{
    private const int PrescanBytes = 4096;

    static HtmlCharset()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static string Decode(ReadOnlySpan<byte> body, string? headerCharset) =>
        Detect(body, headerCharset, out var bomLength).GetString(body[bomLength..]);

    public static Encoding Detect(ReadOnlySpan<byte> body, string? headerCharset, out int bomLength)
    {
        bomLength = 0;
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength = 3;
            return new UTF8Encoding(false);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            bomLength = 2;
            return Encoding.Unicode;
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bomLength = 2;
            return Encoding.BigEndianUnicode;
        }

        if (ByName(headerCharset) is { } fromHeader)
        {
            return fromHeader;
        }

        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, PrescanBytes)]);
        if (MetaCharset().Match(head) is { Success: true } meta && ByName(meta.Groups["cs"].Value) is { } fromMeta)
        {
            return fromMeta;
        }

        var sample = body[..Math.Min(body.Length, 256 * 1024)].ToArray();
        var detected = CharsetDetector.DetectFromBytes(sample).Detected;
        if (detected is { Encoding: { } encoding, Confidence: > 0.5f })
        {
            return encoding;
        }

        return new UTF8Encoding(false);
    }

    private static Encoding? ByName(string? name)
    {
        name = name?.Trim().Trim('"', '\'');
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        try
        {
            // The WHATWG encoding standard decodes these labels with their supersets.
            return name.ToLowerInvariant() switch
            {
                "shift_jis" or "shift-jis" or "sjis" or "x-sjis" or "windows-31j" or "ms932" or "cp932" => Encoding.GetEncoding(932),
                "iso-8859-1" or "latin1" or "us-ascii" or "ascii" => Encoding.GetEncoding(1252),
                "utf-16" => new UTF8Encoding(false),
                _ => Encoding.GetEncoding(name),
            };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?(?<cs>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
