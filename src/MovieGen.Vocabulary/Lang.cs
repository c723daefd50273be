namespace MovieGen;

/// <summary>The languages of the service's pages and messages. Japanese is the default.</summary>
public enum Lang
{
    Ja,
    En,
}

public static class Languages
{
    public static IReadOnlyList<Lang> All { get; } = Enum.GetValues<Lang>();

    /// <summary>Where nothing says otherwise.</summary>
    public const Lang Default = Lang.Ja;

    /// <summary>The language code: the job record's <c>lang</c>, <c>&lt;html lang&gt;</c>, <c>Content-Language</c>.</summary>
    public static string Code(this Lang lang) => lang switch
    {
        Lang.Ja => "ja",
        Lang.En => "en",
    };

    /// <summary>The language a code or language tag names by its prefix (<c>en</c>, <c>en-GB</c>);
    /// null when it names none of ours.</summary>
    public static Lang? Find(string? tag)
    {
        foreach (var lang in All)
        {
            if (tag?.StartsWith(lang.Code(), StringComparison.OrdinalIgnoreCase) == true)
            {
                return lang;
            }
        }

        return null;
    }

    /// <summary>The language of a stored code (a job's <c>lang</c>, the CLI's <c>--lang</c>);
    /// <see cref="Default"/> for an empty or unknown one.</summary>
    public static Lang FromCode(string? code) => Find(code) ?? Default;

    /// <summary>The text in this language; every version stands side by side at the call site.</summary>
    public static string T(this Lang lang, string ja, string en) => lang switch
    {
        Lang.Ja => ja,
        Lang.En => en,
    };
}
