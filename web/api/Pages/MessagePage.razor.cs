using Microsoft.AspNetCore.Http.HttpResults;

namespace MovieGen.Api.Pages;

public sealed record MessageModel(string Title, string Detail);

/// <summary>A page with one message: unknown job, service trouble; each with its status.</summary>
public sealed partial class MessagePage
{
    public static RazorComponentResult NotFound(Lang lang) => Render(lang, StatusCodes.Status404NotFound,
        lang.T("ジョブが見つかりません", "Job not found"),
        lang.T("URLが間違っているか、保存期間が過ぎて動画が削除されました。もう一度作成してください。",
            "The link is wrong, or the job expired and its video was deleted. You can make it again."));

    public static RazorComponentResult Unavailable(Lang lang) => Render(lang, StatusCodes.Status503ServiceUnavailable,
        lang.T("ただいま利用できません", "Temporarily unavailable"),
        lang.T("サービスの一部に接続できません。少し待ってから、もう一度お試しください。",
            "Part of the service cannot be reached right now. Please try again in a moment."));

    public static RazorComponentResult Error(Lang lang) => Render(lang, StatusCodes.Status500InternalServerError,
        lang.T("エラーが発生しました", "Something went wrong"),
        lang.T("ページを表示できませんでした。少し待ってから、もう一度お試しください。",
            "The page could not be shown. Please try again in a moment."));

    private static RazorComponentResult Render(Lang lang, int status, string title, string detail) =>
        PageResults.Render<MessagePage, MessageModel>(lang, new MessageModel(title, detail), status);
}
