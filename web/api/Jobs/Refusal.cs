using MovieGen.Api.Localization;
using MovieGen.Net;

namespace MovieGen.Api.Jobs;

/// <summary>Why a request was turned down: the HTTP status, a machine-readable reason, and a title
/// and sentence for the person who asked, in their language.</summary>
public sealed record Refusal(int Status, string Reason, string Title, string Detail, TimeSpan? RetryAfter = null)
{
    public const int MaxBodyBytes = 16 * 1024;

    public static Refusal InvalidUrl(UrlProblem problem, Lang lang) => problem switch
    {
        UrlProblem.Empty => Bad("empty_url", lang,
            "記事のURLを入力してください。", "Enter the URL of an article."),
        UrlProblem.TooLong => Bad("url_too_long", lang,
            $"URLが長すぎます（{UrlPolicy.MaxLength} 文字まで）。", $"The URL is too long (at most {UrlPolicy.MaxLength} characters)."),
        UrlProblem.UnsupportedScheme => Bad("unsupported_scheme", lang,
            "http:// か https:// で始まるURLだけに対応しています。", "Only http:// and https:// URLs are supported."),
        UrlProblem.MissingHost => Bad("missing_host", lang,
            "URLにホスト名がありません。", "The URL has no host name."),
        UrlProblem.UserInfo => Bad("user_info", lang,
            "ユーザー名やパスワードを含むURLは受け付けていません。", "URLs that contain a user name or password are not accepted."),
        UrlProblem.InvalidHost => Bad("invalid_host", lang,
            "URLのホスト名が正しくありません。", "The host name in the URL is not valid."),
        UrlProblem.ControlCharacters => Bad("control_characters", lang,
            "URLに改行や制御文字が含まれています。記事のURLだけを貼り付けてください。", "The URL contains line breaks or control characters. Paste just the article's URL."),
        _ => Bad("not_absolute", lang,
            "https:// から始まる記事のURLをそのまま貼り付けてください。", "Paste the full URL of the article, starting with https://."),
    };

    public static Refusal ForbiddenAddress(string host, Lang lang) => Bad("forbidden_address", lang,
        $"{host} はローカルまたは内部ネットワークのアドレスなので、このサービスからは取得できません。公開されている記事のURLを入力してください。",
        $"{host} is a local or internal network address, which this service does not fetch from. Enter the URL of a publicly available article.");

    public static Refusal UnresolvableHost(string host, Lang lang) => Bad("unresolvable_host", lang,
        $"ホスト名 {host} が見つかりません。URLに誤りがないか確認してください。",
        $"The host name {host} could not be found. Check the URL for typos.");

    public static Refusal BurstLimit(TimeSpan retryAfter, Lang lang) => new(StatusCodes.Status429TooManyRequests, "burst_limit",
        lang.T("リクエストが多すぎます", "Too many requests"),
        lang.T($"短い時間にリクエストが多すぎます。{lang.Duration(retryAfter)}ほど待ってからもう一度お試しください。",
            $"Too many requests in a short time. Wait {lang.Duration(retryAfter)} and try again."),
        retryAfter);

    public static Refusal DailyQuota(int limit, TimeSpan retryAfter, Lang lang) => new(StatusCodes.Status429TooManyRequests, "daily_quota",
        lang.T("1日の上限に達しました", "Daily limit reached"),
        lang.T($"動画を作れるのは1日 {limit} 本までです。{lang.Duration(retryAfter)}後にもう一度お試しください。",
            $"You can create up to {limit} videos a day. Try again in {lang.Duration(retryAfter)}."),
        retryAfter);

    public static Refusal QueueFull(int limit, TimeSpan retryAfter, Lang lang) => new(StatusCodes.Status503ServiceUnavailable, "queue_full",
        lang.T("混み合っています", "The queue is full"),
        lang.T($"ただいま混み合っています（順番待ちが上限の {limit} 件に達しています）。{lang.Duration(retryAfter)}ほど待ってからもう一度お試しください。",
            $"The service is busy: {limit} jobs are already waiting, the most the queue holds. Try again in {lang.Duration(retryAfter)}."),
        retryAfter);

    public static Refusal InvalidBody(Lang lang) => new(StatusCodes.Status400BadRequest, "invalid_body",
        lang.T("リクエストの形式が正しくありません", "Malformed request"),
        lang.T("リクエスト本文は {\"url\": \"https://…\"} の形のJSONで送ってください。",
            "Send the request body as JSON of the form {\"url\": \"https://…\"}."));

    public static Refusal NotJson(Lang lang) => new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
        lang.T("JSONで送ってください", "Send JSON"),
        lang.T("Content-Type: application/json を付けて {\"url\": \"https://…\"} を送ってください。",
            "Send {\"url\": \"https://…\"} with Content-Type: application/json."));

    public static Refusal BodyTooLarge(Lang lang) => new(StatusCodes.Status413PayloadTooLarge, "body_too_large",
        lang.T("リクエストが大きすぎます", "Request too large"),
        lang.T($"リクエスト本文は {MaxBodyBytes / 1024} KB までです。", $"The request body may be at most {MaxBodyBytes / 1024} kB."));

    public static Refusal FormInvalid(Lang lang) => new(StatusCodes.Status400BadRequest, "invalid_form",
        lang.T("もう一度送信してください", "Please submit again"),
        lang.T("フォームの有効期限が切れたか、送信内容を読み取れませんでした。もう一度「動画を作成」を押してください。",
            "The form expired or could not be read. Press \u201cCreate video\u201d again."));

    public static Refusal NotFound(Lang lang) => new(StatusCodes.Status404NotFound, "not_found",
        lang.T("ジョブが見つかりません", "Job not found"),
        lang.T("このIDのジョブはありません。URLが間違っているか、保存期間が過ぎて削除されました。",
            "There is no job with this id: the URL is wrong, or the job expired and was deleted."));

    public static Refusal AlreadyFinished(string status, Lang lang) => new(StatusCodes.Status409Conflict, "already_finished",
        lang.T("すでに終了しています", "Already finished"),
        lang.T("このジョブはすでに終了しているため、キャンセルできません。", "This job has already finished, so it cannot be cancelled."))
    {
        JobStatus = status,
    };

    public static Refusal VideoNotReady(Lang lang) => new(StatusCodes.Status404NotFound, "video_not_ready",
        lang.T("動画はまだありません", "No video yet"),
        lang.T("動画はまだできていません。ジョブが完了してから取得してください。", "The video is not ready yet: fetch it once the job has completed."));

    public static Refusal VideoMissing(Lang lang) => new(StatusCodes.Status404NotFound, "video_missing",
        lang.T("動画ファイルがありません", "Video file missing"),
        lang.T("動画ファイルが見つかりません。保存期間が過ぎて削除された可能性があります。", "The video file is gone; it may have expired and been deleted."));

    public static Refusal Unavailable(Lang lang) => new(StatusCodes.Status503ServiceUnavailable, "unavailable",
        lang.T("一時的に利用できません", "Temporarily unavailable"),
        lang.T("ジョブの保存先に一時的に接続できません。少し待ってからもう一度お試しください。",
            "The job store cannot be reached right now. Try again in a moment."),
        TimeSpan.FromSeconds(10));

    /// <summary>The job's status, for a conflict about it (<c>job_status</c> in the problem).</summary>
    public string? JobStatus { get; init; }

    private static Refusal Bad(string reason, Lang lang, string ja, string en) =>
        new(StatusCodes.Status400BadRequest, reason, lang.T("URLを受け付けられません", "URL not accepted"), lang.T(ja, en));
}
