using Microsoft.Net.Http.Headers;

namespace MovieGen.Api.Localization;

/// <summary>The language of a request: the first of ours in its Accept-Language by quality; the
/// default language when the header names none of them.</summary>
public static class AcceptLanguage
{
    public static Lang Pick(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var values))
        {
            return Languages.Default;
        }

        foreach (var value in values.Where(v => v.Quality is null or > 0).OrderByDescending(v => v.Quality ?? 1))
        {
            if (Languages.Find(value.Value.Value) is { } lang)
            {
                return lang;
            }
        }

        return Languages.Default;
    }

    public static Lang Lang(this HttpContext context) => Pick(context.Request);
}

public static class Translations
{
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
