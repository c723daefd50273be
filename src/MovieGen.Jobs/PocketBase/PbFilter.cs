using System.Globalization;
using System.Text.RegularExpressions;

namespace MovieGen.Jobs.PocketBase;

/// <summary>Builds PocketBase filter expressions with safely quoted values, as the JS SDK's
/// <c>pb.filter()</c> does: <c>PbFilter.Format("client_ip = {:ip} &amp;&amp; created &gt;= {:since}",
/// new { ip, since })</c>. Strings are single-quoted with quotes escaped, dates
/// become PocketBase date literals, so no value can change the expression's meaning.</summary>
public static partial class PbFilter
{
    public static string Format(string expression, IReadOnlyDictionary<string, object?> parameters) =>
        Placeholder().Replace(expression, match =>
        {
            var name = match.Groups[1].Value;
            if (!parameters.TryGetValue(name, out var value))
            {
                throw new ArgumentException($"No value for filter placeholder {{:{name}}}.", nameof(parameters));
            }

            return Literal(value);
        });

    public static string Format(string expression, object parameters) =>
        Format(expression, parameters.GetType().GetProperties()
            .ToDictionary(p => p.Name, p => p.GetValue(parameters)));

    /// <summary>One value as a filter literal.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        DateTimeOffset d => Quote(PbDate.ToText(d)),
        DateTime d => Quote(PbDate.ToText(new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d))),
        Enum e => Quote(e.ToString().ToLowerInvariant()),
        IFormattable f when value is int or long or double or decimal or float or short =>
            f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    // PocketBase's filter scanner ends a string at a quote not preceded by a backslash and then
    // turns \' into '; backslashes themselves have no escape. So quotes are escaped, and a value
    // ending in a backslash (which would escape the closing quote) cannot be written safely.
    private static string Quote(string text)
    {
        if (text.EndsWith('\\'))
        {
            throw new ArgumentException("A filter value may not end with a backslash.", nameof(text));
        }

        return "'" + text.Replace("'", "\\'") + "'";
    }

    [GeneratedRegex(@"\{:(\w+)\}")]
    private static partial Regex Placeholder();
}
