using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using MovieGen.Api.Jobs;
using MovieGen.Api.Localization;

namespace MovieGen.Api.Admin;

/// <summary>Who may use the dashboard: a PocketBase admin (checked against PocketBase at sign-in)
/// or a holder of OPERATOR_TOKEN. The browser gets our own session cookie, never a PocketBase
/// token; scripts send the operator token as a bearer token.</summary>
public static class AdminAuth
{
    /// <summary>The scheme the dashboard's endpoints authorize with: the bearer token when the
    /// request carries one, the session cookie otherwise.</summary>
    public const string Scheme = "moviegen-admin";

    public const string CookieScheme = "moviegen-admin-cookie";

    public const string TokenScheme = "moviegen-operator-token";

    public const string Policy = "moviegen-operator";

    public const string MethodClaim = "moviegen:sign-in";

    public const string TokenClaim = "moviegen:token";

    public const string ByPassword = "pocketbase-admin";

    public const string ByToken = "operator-token";

    public const string LoginPath = "/admin/login";

    public const string ReturnParameter = "return";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static ClaimsPrincipal Principal(string name, string method, string? tokenFingerprint, string scheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, $"{method}:{name}"),
            new(ClaimTypes.Name, name),
            new(MethodClaim, method),
        ];
        if (tokenFingerprint is not null)
        {
            claims.Add(new(TokenClaim, tokenFingerprint));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static string? Bearer(HttpRequest request) =>
        HasBearer(request) ? request.Headers.Authorization.ToString()["Bearer ".Length..].Trim() : null;

    /// <summary>Only our own dashboard paths are followed after sign-in (no open redirect).</summary>
    public static string SafeReturn(string? path) =>
        path is not null && path.StartsWith("/admin", StringComparison.Ordinal) && !path.StartsWith(LoginPath, StringComparison.Ordinal)
            && !path.Contains("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal)
            ? path
            : "/admin";

    public static AuthenticationBuilder AddAdminSchemes(this AuthenticationBuilder auth) => auth
        .AddPolicyScheme(Scheme, "MovieGen operators", options =>
            options.ForwardDefaultSelector = context => HasBearer(context.Request) ? TokenScheme : CookieScheme)
        .AddScheme<AuthenticationSchemeOptions, OperatorTokenHandler>(TokenScheme, null)
        .AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = "moviegen-admin";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.IsEssential = true;
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = false;
            options.LoginPath = LoginPath;
            options.ReturnUrlParameter = ReturnParameter;
            options.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = RedirectToLoginAsync,
                OnValidatePrincipal = ValidateAsync,
            };
        });

    /// <summary>Pages go to the sign-in form; the JSON API answers 401 problem details.</summary>
    private static Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return AdminRefusals.SignInRequired(http.Lang()).ToProblem(http).ExecuteAsync(http);
        }

        var back = SafeReturn(http.Request.Path + http.Request.QueryString);
        http.Response.Redirect($"{LoginPath}?{ReturnParameter}={Uri.EscapeDataString(back)}");
        return Task.CompletedTask;
    }

    /// <summary>A session opened with the operator token ends when the token is changed or
    /// cleared, without waiting for the cookie to expire.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.FindFirstValue(MethodClaim) != ByToken)
        {
            return;
        }

        var token = context.HttpContext.RequestServices.GetRequiredService<OperatorToken>();
        if (principal.FindFirstValue(TokenClaim) != token.Fingerprint)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }
}
