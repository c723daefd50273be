using System.Text;
using System.Text.Json;

namespace MovieGen.Jobs.PocketBase;

/// <summary>An admin JWT and when it expires (read from its <c>exp</c> claim).</summary>
internal sealed record AdminToken(string Value, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Renew a little before expiry: a minute early, or a fifth of the lifetime for short
    /// tokens, so a request never leaves with a token that dies on the way.</summary>
    public bool NeedsRenewal(DateTimeOffset now)
    {
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, (ExpiresAt - IssuedAt).Ticks / 5));
        return now >= ExpiresAt - margin;
    }

    public static AdminToken Parse(string jwt, DateTimeOffset now)
    {
        var expires = now.AddMinutes(5);
        var parts = jwt.Split('.');
        if (parts.Length == 3)
        {
            try
            {
                var payload = parts[1].Replace('-', '+').Replace('_', '/');
                payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
                using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
                if (doc.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds))
                {
                    expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
                }
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                // unreadable payload: keep the conservative default
            }
        }

        return new AdminToken(jwt, now, expires);
    }
}
