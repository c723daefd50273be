using System.Globalization;

namespace MovieGen.Jobs.PocketBase;

/// <summary>PocketBase's date text: <c>YYYY-MM-DD HH:MM:SS.mmmZ</c>, UTC, with a space. PocketBase
/// stores and compares dates as this text, so a filter literal in ISO "T" form compares wrongly
/// (the reference service's daily limit never fired because of it).</summary>
public static class PbDate
{
    private const string Format = "yyyy-MM-dd HH:mm:ss.fff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses PocketBase's form (and ISO "T" form); empty text is null.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.Parse(text.Replace(' ', 'T'), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
