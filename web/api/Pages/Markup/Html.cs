using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace MovieGen.Api.Pages.Markup;

/// <summary>A piece of HTML that is safe to write as is (<c>default</c> is empty).</summary>
public readonly struct Html(string? value)
{
    private readonly string? value = value;

    public static Html Empty => default;

    public string Value => value ?? "";

    /// <summary>Builds HTML from an interpolated string: the literal parts are markup, every
    /// interpolated value is HTML-encoded unless it already is <see cref="Html"/>. So user data
    /// cannot reach a page unencoded by accident.</summary>
    public static Html Of(ref HtmlInterpolation html) => html.ToHtml();

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    /// <summary>Text for an element body or a quoted attribute value. Non-ASCII (Japanese) text
    /// stays as is; the page is UTF-8.</summary>
    public static string Encode(string? text) => Encoder.Encode(text ?? "");

    public static Html When(bool condition, Html html) => condition ? html : Empty;

    public override string ToString() => Value;

    internal static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
}

[InterpolatedStringHandler]
public ref struct HtmlInterpolation(int literalLength, int formattedCount)
{
    private DefaultInterpolatedStringHandler inner = new(literalLength, formattedCount, CultureInfo.InvariantCulture);

    public void AppendLiteral(string markup) => inner.AppendLiteral(markup);

    public void AppendFormatted(Html html) => inner.AppendLiteral(html.Value);

    public void AppendFormatted(IEnumerable<Html> parts)
    {
        foreach (var part in parts)
        {
            inner.AppendLiteral(part.Value);
        }
    }

    public void AppendFormatted(string? text) => inner.AppendLiteral(Html.Encode(text));

    public void AppendFormatted(int number) => inner.AppendFormatted(number);

    public void AppendFormatted(long number) => inner.AppendFormatted(number);

    public Html ToHtml() => new(inner.ToStringAndClear());
}
