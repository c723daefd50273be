using System.Globalization;
using System.Net;

namespace MovieGen.Net;

/// <summary>Why a submitted URL was refused, so callers can translate the message.</summary>
public enum UrlProblem
{
    None,
    Empty,
    TooLong,
    NotAbsolute,
    UnsupportedScheme,
    MissingHost,
    UserInfo,
    InvalidHost,
    ControlCharacters,
}

/// <summary>The outcome of <see cref="UrlPolicy.Validate"/>: the normalised URL, or a problem with
/// an English sentence describing it.</summary>
public sealed record UrlCheck(Uri? Url, UrlProblem Problem, string? Error)
{
    public bool IsValid => Problem == UrlProblem.None && Url is not null;

    internal static UrlCheck Fail(UrlProblem problem, string error) => new(null, problem, error);
}

/// <summary>The syntactic rules for article URLs (shared/DESIGN.md §4): http or https, at most
/// <see cref="MaxLength"/> characters, a host, no user name or password. Numeric hosts in any
/// spelling (<c>2130706433</c>, <c>0x7f.1</c>, <c>127.0.0.1.</c>, full-width digits) come back in
/// dotted form, so the address checks of <see cref="SsrfGuard"/> see the real value. This says
/// nothing about where the host points: that is <see cref="SsrfGuard.CheckAsync"/>'s job.</summary>
public static class UrlPolicy
{
    public const int MaxLength = 2048;

    public static UrlCheck Validate(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return UrlCheck.Fail(UrlProblem.Empty, "Enter the URL of an article.");
        }

        if (text.Length > MaxLength)
        {
            return UrlCheck.Fail(UrlProblem.TooLong, $"The URL is longer than {MaxLength} characters.");
        }

        // Uri quietly drops or escapes line breaks and tabs; a pasted URL never has them, and a
        // request carrying them is an attempt at header injection, so refuse it outright.
        if (text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            return UrlCheck.Fail(UrlProblem.ControlCharacters, "The URL contains line breaks or other control characters.");
        }

        Uri uri;
        try
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out uri!))
            {
                return UrlCheck.Fail(UrlProblem.NotAbsolute, "The URL must be absolute, starting with http:// or https://.");
            }
        }
        catch (UriFormatException)
        {
            return UrlCheck.Fail(UrlProblem.NotAbsolute, "The URL could not be parsed.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return UrlCheck.Fail(UrlProblem.UnsupportedScheme, "Only http:// and https:// URLs are supported.");
        }

        if (string.IsNullOrEmpty(uri.IdnHost))
        {
            return UrlCheck.Fail(UrlProblem.MissingHost, "The URL has no host name.");
        }

        // Uri reports an empty UserInfo for "http://@host/", so look at the raw authority as well.
        if (uri.UserInfo.Length > 0 || RawAuthority(text).Contains('@', StringComparison.Ordinal))
        {
            return UrlCheck.Fail(UrlProblem.UserInfo, "URLs with a user name or password are not accepted.");
        }

        var builder = new UriBuilder(uri) { Fragment = "" };
        if (uri.HostNameType is UriHostNameType.Dns or UriHostNameType.Basic or UriHostNameType.Unknown)
        {
            switch (NumericHost.Parse(uri.IdnHost))
            {
                case { IsNumeric: true, Address: null }:
                    return UrlCheck.Fail(UrlProblem.InvalidHost, "The host looks like an IP address but is not a valid one.");
                case { Address: { } address }:
                    builder.Host = address.ToString();
                    break;
            }
        }

        var normalised = builder.Uri;
        if (normalised.AbsoluteUri.Length > MaxLength)
        {
            return UrlCheck.Fail(UrlProblem.TooLong, $"The URL is longer than {MaxLength} characters.");
        }

        return new UrlCheck(normalised, UrlProblem.None, null);
    }

    private static string RawAuthority(string text)
    {
        var start = text.IndexOf("//", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var rest = text[(start + 2)..];
        var end = rest.IndexOfAny(['/', '?', '#', '\\']);
        return end < 0 ? rest : rest[..end];
    }
}

/// <summary>The WHATWG URL standard's IPv4 host parser: a host whose last label is a number is an
/// address (decimal, 0x hex or 0-prefixed octal parts, one to four of them), or invalid. .NET's
/// <see cref="Uri"/> handles most of these forms but not a trailing dot or full-width digits, and
/// the C library resolver accepts more than it; browsers follow this standard.</summary>
internal readonly record struct NumericHost(bool IsNumeric, IPAddress? Address)
{
    public static NumericHost Parse(string host)
    {
        var labels = host.Split('.');
        if (labels.Length > 1 && labels[^1].Length == 0)
        {
            labels = labels[..^1];
        }

        if (!LooksNumeric(labels[^1]))
        {
            return new(false, null);
        }

        if (labels.Length > 4)
        {
            return new(true, null);
        }

        var numbers = new long[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (!TryParsePart(labels[i], out numbers[i]))
            {
                return new(true, null);
            }
        }

        for (var i = 0; i < numbers.Length - 1; i++)
        {
            if (numbers[i] > 255)
            {
                return new(true, null);
            }
        }

        if (numbers[^1] >= 1L << (8 * (5 - numbers.Length)))
        {
            return new(true, null);
        }

        long value = numbers[^1];
        for (var i = 0; i < numbers.Length - 1; i++)
        {
            value += numbers[i] << (8 * (3 - i));
        }

        var bytes = new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
        return new(true, new IPAddress(bytes));
    }

    private static bool LooksNumeric(string label) =>
        label.Length > 0 && (label.All(char.IsAsciiDigit) ||
            (label.Length >= 2 && label[0] == '0' && (label[1] is 'x' or 'X') && label[2..].All(char.IsAsciiHexDigit)));

    private static bool TryParsePart(string part, out long value)
    {
        value = 0;
        if (part.Length == 0)
        {
            return false;
        }

        var style = NumberStyles.None;
        var digits = part;
        var radix = 10;
        if (part.Length >= 2 && part[0] == '0' && (part[1] is 'x' or 'X'))
        {
            digits = part[2..];
            radix = 16;
            style = NumberStyles.AllowHexSpecifier;
        }
        else if (part.Length > 1 && part[0] == '0')
        {
            digits = part[1..];
            radix = 8;
        }

        if (digits.Length == 0)
        {
            return true;
        }

        if (digits.Length > 12)
        {
            return false;
        }

        if (radix == 8)
        {
            foreach (var c in digits)
            {
                if (c is < '0' or > '7')
                {
                    return false;
                }

                value = (value * 8) + (c - '0');
            }

            return true;
        }

        return long.TryParse(digits, style, CultureInfo.InvariantCulture, out value);
    }
}
