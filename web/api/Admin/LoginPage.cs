using Microsoft.AspNetCore.Antiforgery;
using MovieGen.Api.Localization;
using MovieGen.Api.Pages;
using MovieGen.Api.Pages.Markup;

namespace MovieGen.Api.Admin;

public sealed record LoginModel(string Return, string? Email, string? Error, bool TokenEnabled, AntiforgeryTokenSet Tokens);

/// <summary>The dashboard's sign-in form: a PocketBase admin's e-mail and password, or the
/// operator token when one is configured.</summary>
public static class LoginPage
{
    public static LoginModel Model(HttpContext context, IAntiforgery antiforgery, OperatorToken token, string? returnPath, string? email, string? error) =>
        new(AdminAuth.SafeReturn(returnPath), email, error, token.Enabled, antiforgery.GetAndStoreTokens(context));

    public static string WrongCredentials(Lang lang) => lang.T(
        "サインインできませんでした。入力した内容を確認して、もう一度お試しください。",
        "Could not sign you in. Check what you entered and try again.");

    public static string Unavailable(Lang lang) => lang.T(
        "PocketBase に接続できないため、いまはメールアドレスとパスワードでサインインできません。少し待ってからお試しください。",
        "PocketBase cannot be reached, so e-mail and password sign-in is not possible right now. Try again in a moment.");

    public static Html Render(Lang lang, LoginModel m)
    {
        var error = m.Error is { } message
            ? Html.Of($"""<div id="signin-error" class="alert alert-error" role="alert"><p>{message}</p></div>""")
            : Html.Empty;
        var hidden = Html.Of($"""
            <input type="hidden" name="{m.Tokens.FormFieldName}" value="{m.Tokens.RequestToken}">
            <input type="hidden" name="return" value="{m.Return}">
            """);
        var tokenForm = m.TokenEnabled
            ? Html.Of($"""
                <div class="signin-or" role="separator"><span>{lang.T("または", "or")}</span></div>
                <form method="post" action="{AdminAuth.LoginPath}" class="signin-form" id="token-form">
                  {hidden}
                  <input type="hidden" name="method" value="token">
                  <label for="token" class="field-label">{lang.T("運用者トークン", "Operator token")}</label>
                  <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required>
                  <button type="submit" class="button">{lang.T("トークンでサインイン", "Sign in with the token")}</button>
                </form>
                """)
            : Html.Empty;

        var body = Html.Of($"""
            <section class="signin">
              <div class="card signin-card">
                <div class="signin-head">
                  <span class="signin-mark" aria-hidden="true"></span>
                  <h1>{lang.T("運用ダッシュボード", "Operations dashboard")}</h1>
                  <p>{lang.T("キュー、実行中のジョブ、直近 24 時間の数字を確認できます。", "The queue, the running jobs and the last 24 hours at a glance.")}</p>
                </div>
                {error}
                <form method="post" action="{AdminAuth.LoginPath}" class="signin-form" id="password-form">
                  {hidden}
                  <input type="hidden" name="method" value="password">
                  <label for="email" class="field-label">{lang.T("PocketBase 管理者のメールアドレス", "PocketBase admin e-mail")}</label>
                  <input id="email" name="email" type="email" autocomplete="username" spellcheck="false" required value="{m.Email}">
                  <label for="password" class="field-label">{lang.T("パスワード", "Password")}</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit" class="button primary">{lang.T("サインイン", "Sign in")}</button>
                </form>
                {tokenForm}
                <p class="hint">{lang.T(
                    "PocketBase の管理画面（/_/）と同じ管理者アカウントでサインインできます。サインインは 8 時間有効です。",
                    "Use the same admin account as the PocketBase Admin UI (/_/). A sign-in lasts 8 hours.")}</p>
              </div>
            </section>
            """);
        return Layout.Page(lang, lang.T("サインイン", "Sign in"), body, head: AdminStyles);
    }

    public static Html AdminStyles => Html.Of($"""<link rel="stylesheet" href="/static/css/admin.css"><meta name="robots" content="noindex">""");
}
