using MovieGen.Api.Localization;
using MovieGen.Api.Pages.Markup;

namespace MovieGen.Api.Pages;

/// <summary>A page with one message: unknown job, service trouble.</summary>
public static class MessagePage
{
    public static Html NotFound(Lang lang) => Render(lang,
        lang.T("ジョブが見つかりません", "Job not found"),
        lang.T("URLが間違っているか、保存期間が過ぎて動画が削除されました。もう一度作成してください。",
            "The link is wrong, or the job expired and its video was deleted. You can make it again."));

    public static Html Unavailable(Lang lang) => Render(lang,
        lang.T("ただいま利用できません", "Temporarily unavailable"),
        lang.T("サービスの一部に接続できません。少し待ってから、もう一度お試しください。",
            "Part of the service cannot be reached right now. Please try again in a moment."));

    public static Html Error(Lang lang) => Render(lang,
        lang.T("エラーが発生しました", "Something went wrong"),
        lang.T("ページを表示できませんでした。少し待ってから、もう一度お試しください。",
            "The page could not be shown. Please try again in a moment."));

    private static Html Render(Lang lang, string title, string detail) => Layout.Page(lang, title, Html.Of($"""
        <section class="card message-card">
          <h1>{title}</h1>
          <p>{detail}</p>
          <p><a class="button primary" href="/">{lang.T("トップへ戻る", "Back to start")}</a></p>
        </section>
        """));
}
