using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using MovieGen.Api.Localization;
using MovieGen.Api.Pages;

namespace MovieGen.Api.Admin;

public sealed record LoginModel(string Return, string? Email, string? Error, bool TokenEnabled, AntiforgeryTokenSet Tokens);

/// <summary>The dashboard's sign-in form: a PocketBase admin's e-mail and password, or the
/// operator token when one is configured.</summary>
public sealed partial class LoginPage
{
    /// <summary>The form (again, with <paramref name="error"/> when a sign-in was refused).</summary>
    public static RazorComponentResult Result(HttpContext context, string? returnPath, string? email, string? error, int status = StatusCodes.Status200OK)
    {
        var services = context.RequestServices;
        var model = new LoginModel(AdminAuth.SafeReturn(returnPath), email, error, services.GetRequiredService<OperatorToken>().Enabled,
            services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context));
        return PageResults.Render<LoginPage, LoginModel>(context.Lang(), model, status);
    }

    public static string WrongCredentials(Lang lang) => lang.T(
        "サインインできませんでした。入力した内容を確認して、もう一度お試しください。",
        "Could not sign you in. Check what you entered and try again.");

    public static string Unavailable(Lang lang) => lang.T(
        "PocketBase に接続できないため、いまはメールアドレスとパスワードでサインインできません。少し待ってからお試しください。",
        "PocketBase cannot be reached, so e-mail and password sign-in is not possible right now. Try again in a moment.");
}
