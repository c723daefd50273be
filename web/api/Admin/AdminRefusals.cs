using MovieGen.Api.Jobs;
using MovieGen.Api.Localization;

namespace MovieGen.Api.Admin;

/// <summary>The dashboard API's refusals, as the JSON API's other problems are made.</summary>
public static class AdminRefusals
{
    public static Refusal SignInRequired(Lang lang) => new(StatusCodes.Status401Unauthorized, "sign_in_required",
        lang.T("サインインが必要です", "Sign-in required"),
        lang.T("運用者トークン（Authorization: Bearer …）を付けるか、/admin/login でサインインしてください。",
            "Send the operator token (Authorization: Bearer …) or sign in at /admin/login."));

    public static Refusal TokenRefused(Lang lang) => new(StatusCodes.Status401Unauthorized, "invalid_token",
        lang.T("トークンを受け付けられません", "Token not accepted"),
        lang.T("運用者トークンが正しくないか、トークンでのサインインが無効になっています。",
            "The operator token is wrong, or token sign-in is turned off."));

    public static Refusal Antiforgery(Lang lang) => new(StatusCodes.Status403Forbidden, "antiforgery",
        lang.T("ページを再読み込みしてください", "Reload the page"),
        lang.T("ダッシュボードからの操作であることを確認できませんでした。ページを再読み込みしてからもう一度お試しください。",
            "This action could not be confirmed as coming from the dashboard. Reload the page and try again."));

    public static Refusal NotRetryable(string status, Lang lang) => new(StatusCodes.Status409Conflict, "not_retryable",
        lang.T("再実行できません", "Cannot retry"),
        lang.T("再実行できるのは失敗またはキャンセルされたジョブだけです。", "Only failed or cancelled jobs can be retried."))
    {
        JobStatus = status,
    };

    public static Refusal InvalidQuery(Lang lang, string ja, string en) => new(StatusCodes.Status400BadRequest, "invalid_query",
        lang.T("指定が正しくありません", "Invalid query"), lang.T(ja, en));
}
