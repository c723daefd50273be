using Microsoft.Net.Http.Headers;

namespace MovieGen.Api.Localization;

/// <summary>The two languages of the pages and messages: Japanese by default, English when the
/// browser prefers it.</summary>
public enum Lang
{
    Ja,
    En,
}

public static class Languages
{
    public static string Code(this Lang lang) => lang == Lang.En ? "en" : "ja";

    /// <summary>The first of ja/en in the request's Accept-Language by quality; Japanese when the
    /// header names neither.</summary>
    public static Lang Pick(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var values))
        {
            return Lang.Ja;
        }

        foreach (var value in values.Where(v => v.Quality is null or > 0).OrderByDescending(v => v.Quality ?? 1))
        {
            var tag = value.Value.Value ?? "";
            if (tag.StartsWith("ja", StringComparison.OrdinalIgnoreCase))
            {
                return Lang.Ja;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return Lang.En;
            }
        }

        return Lang.Ja;
    }
}

public static class LanguageHttpContextExtensions
{
    public static Lang Lang(this HttpContext context) => Languages.Pick(context.Request);
}

public static class Translations
{
    /// <summary>The text in the request's language; both versions stand side by side at the call site.</summary>
    public static string T(this Lang lang, string ja, string en) => lang == Lang.En ? en : ja;

    /// <summary>"3 時間 5 分" / "3 h 5 min": a wait a person can plan around.</summary>
    public static string Duration(this Lang lang, TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        if (wait.TotalSeconds < 60)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return lang.T($"{seconds} 秒", $"{seconds} s");
        }

        return minutes < 60
            ? lang.T($"{minutes} 分", $"{minutes} min")
            : lang.T($"{minutes / 60} 時間 {minutes % 60} 分", $"{minutes / 60} h {minutes % 60} min");
    }
}
