using System.ComponentModel.DataAnnotations;

namespace MovieGen.Api.Settings;

/// <summary>An absolute http(s) URL, or nothing (pair with [Required] when it must be set). Unlike
/// [Url], an empty value is fine, as `VOICEVOX_URL=` in .env means "not configured".</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not string text || text.Length == 0
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
