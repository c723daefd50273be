using System.Net;
using System.Security.Claims;
using System.Text.Json;

namespace MovieGen.Api.Admin;

/// <summary>What a sign-in attempt came to.</summary>
public abstract record SignInOutcome
{
    public sealed record Accepted(ClaimsPrincipal Principal) : SignInOutcome;

    /// <summary>Wrong credentials; which part was wrong is not told.</summary>
    public sealed record Rejected : SignInOutcome;

    /// <summary>PocketBase could not be asked.</summary>
    public sealed record Unavailable : SignInOutcome;
}

/// <summary>Checks sign-in credentials: an e-mail and password against PocketBase's admins
/// (PocketBase is the only account store; we keep no passwords), or the operator token.</summary>
public sealed partial class AdminSignIn(HttpClient pocketBase, OperatorToken token, ILogger<AdminSignIn> logger)
{
    public async Task<SignInOutcome> WithPasswordAsync(string? email, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return Refused(AdminAuth.ByPassword);
        }

        HttpResponseMessage response;
        try
        {
            response = await pocketBase.PostAsJsonAsync("api/admins/auth-with-password", new { identity = email.Trim(), password }, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            LogUnavailable(logger, ex.Message);
            return new SignInOutcome.Unavailable();
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                return Refused(AdminAuth.ByPassword);
            }

            if (!response.IsSuccessStatusCode)
            {
                LogUnavailable(logger, $"PocketBase answered {(int)response.StatusCode}");
                return new SignInOutcome.Unavailable();
            }

            // The admin token PocketBase issued is not kept: the session is ours, so the browser never holds it.
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var name = body.TryGetProperty("admin", out var admin) && admin.TryGetProperty("email", out var e) ? e.GetString() : null;
            name ??= email.Trim();
            LogSignedIn(logger, AdminAuth.ByPassword, name);
            return new SignInOutcome.Accepted(AdminAuth.Principal(name, AdminAuth.ByPassword, null, AdminAuth.CookieScheme));
        }
    }

    public SignInOutcome WithToken(string? presented)
    {
        if (!token.Matches(presented?.Trim()))
        {
            return Refused(AdminAuth.ByToken);
        }

        LogSignedIn(logger, AdminAuth.ByToken, "operator");
        return new SignInOutcome.Accepted(AdminAuth.Principal("operator", AdminAuth.ByToken, token.Fingerprint, AdminAuth.CookieScheme));
    }

    private SignInOutcome.Rejected Refused(string method)
    {
        LogRefused(logger, method);
        return new SignInOutcome.Rejected();
    }

    [LoggerMessage(LogLevel.Information, "Dashboard sign-in ({Method}) as {Name}")]
    private static partial void LogSignedIn(ILogger logger, string method, string name);

    [LoggerMessage(LogLevel.Warning, "Dashboard sign-in ({Method}) refused: wrong credentials")]
    private static partial void LogRefused(ILogger logger, string method);

    [LoggerMessage(LogLevel.Warning, "Dashboard sign-in could not ask PocketBase: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
