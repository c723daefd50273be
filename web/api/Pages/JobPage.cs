using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using MovieGen.Api.Jobs;
using MovieGen.Api.Localization;
using MovieGen.Api.Pages.Markup;
using MovieGen.Jobs;

namespace MovieGen.Api.Pages;

public sealed record JobPageModel(Job Job, int? QueuePosition, string PocketBaseUrl, DateTimeOffset Now, AntiforgeryTokenSet Tokens);

/// <summary>The progress page. The server renders the current state completely (it works without
/// JavaScript); /static/js/progress.js then keeps the same elements up to date, so everything it
/// needs comes in data- attributes.</summary>
public static class JobPage
{
    private static IReadOnlyList<string> Steps => PipelineSteps.WireNames;

    public static string StatusLabel(Lang lang, JobStatus status) => status.Label(lang).Name;

    public static string Title(Lang lang, JobStatus status) => status.Label(lang).Headline;

    public static string StepLabel(Lang lang, string step) => PipelineSteps.FromWireName(step)?.Label(lang).Name ?? step;

    public static Html Render(Lang lang, JobPageModel m)
    {
        var job = m.Job;
        var status = job.Status.ToWireName();
        var terminal = job.IsTerminal;
        var completed = job.Status == JobStatus.Completed;
        var failed = job.Status == JobStatus.Failed;

        var steps = Html.Join(Steps.Select(step => Html.Of($"""
            <li class="step {StepState(job, step)}" data-step="{step}"><span class="step-dot" aria-hidden="true"></span><span class="step-name">{StepLabel(lang, step)}</span></li>
            """)));

        var body = Html.Of($$"""
            <section class="card job" id="job"
                data-job-id="{{job.Id}}"
                data-status="{{status}}"
                data-progress="{{job.Progress}}"
                data-updated="{{Iso(job.Updated)}}"
                data-created="{{Iso(job.Created)}}"
                data-completed="{{Iso(job.CompletedAt)}}"
                data-now="{{Iso(m.Now)}}"
                data-pb-url="{{m.PocketBaseUrl}}"
                data-status-url="{{JobViews.StatusPath(job.Id)}}"
                data-cancel-url="{{JobViews.CancelPath(job.Id)}}"
                data-video-url="{{JobViews.VideoPath(job.Id)}}"
                data-steps="{{JsonSerializer.Serialize(Steps)}}"
                data-terminal="{{JsonSerializer.Serialize(JobStatuses.All.Where(s => s.IsTerminal()).Select(s => s.ToWireName()))}}"
                data-i18n="{{Texts(lang)}}"
                data-mode="">
              <div class="job-head">
                <h1 id="job-title">{{Title(lang, job.Status)}}</h1>
                <span id="status-badge" class="badge badge-{{status}}">{{StatusLabel(lang, job.Status)}}</span>
              </div>
              <p class="job-url"><a href="{{job.Url}}" rel="noopener noreferrer nofollow" target="_blank">{{job.Url}}</a></p>

              <p id="queue" class="queue"{{Hidden(job.Status != JobStatus.Pending || m.QueuePosition is null)}}>{{lang.T("順番待ち", "Position in queue")}}: <strong id="queue-position">{{m.QueuePosition ?? 0}}</strong>{{lang.T(" 番目", "")}}</p>

              <div class="progress-block" id="progress-block">
                <div class="progress-row">
                  <progress id="progress-bar" max="100" value="{{job.Progress}}" aria-labelledby="job-title">{{job.Progress}}%</progress>
                  <span id="progress-percent" class="percent">{{job.Progress}}%</span>
                </div>
                <ol class="stepper" id="steps"{{Hidden(completed)}}>{{steps}}</ol>
                <p id="progress-message" class="message"{{Hidden(terminal)}}>{{(job.ProgressMessage.Length > 0 || job.Status != JobStatus.Pending ? job.ProgressMessage : Waiting(lang))}}</p>
                <p class="meta">
                  <span>{{lang.T("経過時間", "Elapsed")}} <time id="elapsed">{{Elapsed(job, m.Now)}}</time></span>
                  <span id="live" class="live" aria-live="polite"></span>
                </p>
              </div>

              <p id="hint" class="hint"{{Hidden(terminal)}}>{{lang.T(
                  "このページを閉じても作成は続きます。このページのURLを控えておけば、あとで結果を確認できます。",
                  "You can close this page: the video is made anyway. Keep this page's address to come back to it.")}}</p>

              <div id="result" class="result"{{Hidden(!completed)}}>
                <video id="video" controls preload="metadata" playsinline{{(completed ? Html.Of($" src=\"{JobViews.VideoPath(job.Id)}\"") : Html.Empty)}}></video>
                <div class="actions">
                  <a id="download" class="button primary" href="{{JobViews.DownloadPath(job.Id)}}" download="movie_{{job.Id}}.mp4">{{lang.T("ダウンロード（MP4）", "Download (MP4)")}}</a>
                  <a class="button" href="/">{{lang.T("別の記事で作る", "Make another")}}</a>
                </div>
                <p id="expiry" class="hint">{{Expiry(lang, job, m.Now)}}</p>
              </div>

              <div id="failure" class="alert alert-error" role="alert"{{Hidden(!failed)}}>
                <strong>{{lang.T("エラーの内容", "What went wrong")}}</strong>
                <p id="failure-step">{{lang.T("失敗した工程", "Failed step")}}: <span id="failure-step-name">{{(failed && job.FailedStep.Length > 0 ? StepLabel(lang, job.FailedStep) : "—")}}</span></p>
                <p id="failure-message">{{(failed ? job.ErrorMessage : "")}}</p>
                <p><a class="button" href="/">{{lang.T("別のURLで試す", "Try another URL")}}</a></p>
              </div>

              <div id="cancelled" class="alert"{{Hidden(job.Status != JobStatus.Cancelled)}}>
                <p>{{lang.T("この動画の作成はキャンセルされました。", "Making this video was cancelled.")}}</p>
                <p id="cancelled-message">{{(job.Status == JobStatus.Cancelled ? job.ErrorMessage : "")}}</p>
                <p><a class="button" href="/">{{lang.T("トップへ戻る", "Back to start")}}</a></p>
              </div>

              <div id="gone" class="alert" hidden>
                <p>{{lang.T("このジョブは見つかりません。保存期間が過ぎて削除された可能性があります。", "This job no longer exists; it may have expired.")}}</p>
              </div>

              <form id="cancel-form" method="post" action="/jobs/{{job.Id}}/cancel" class="cancel"{{Hidden(terminal)}}>
                <input type="hidden" name="{{m.Tokens.FormFieldName}}" value="{{m.Tokens.RequestToken}}">
                <button type="submit" class="button danger-outline" id="cancel-button">{{lang.T("キャンセル", "Cancel")}}</button>
                <span id="cancel-error" class="cancel-error" role="alert"></span>
              </form>

              <noscript>
                <p class="noscript">{{lang.T("JavaScript が無効なため、表示は自動では更新されません。", "JavaScript is off, so this page does not update by itself.")}}
                <a href="/jobs/{{job.Id}}" id="reload">{{lang.T("最新の状態を表示", "Show the latest state")}}</a></p>
              </noscript>
            </section>
            """);

        // Without JavaScript the page reloads itself while the job is running.
        var head = terminal ? Html.Empty : Html.Of($"""<noscript><meta http-equiv="refresh" content="10"></noscript>""");
        var scripts = terminal
            ? Html.Empty
            : Html.Of($"""
                <script src="/static/vendor/pocketbase.umd.js"></script>
                <script src="/static/js/progress.js"></script>
                """);
        return Layout.Page(lang, Title(lang, job.Status), body, head, scripts);
    }

    private static string Waiting(Lang lang) =>
        lang.T("順番が来ると自動で作成が始まります。", "Making starts by itself when its turn comes.");

    private const string ExpiryTemplateJa = "動画はあと約 {hours} 時間で削除されます。残しておきたい場合はダウンロードしてください。";

    private const string ExpiryTemplateEn = "The video is deleted in about {hours} h. Download it to keep it.";

    private static string Expiry(Lang lang, Job job, DateTimeOffset now) => job.ExpiresAt is { } expires
        ? lang.T(ExpiryTemplateJa, ExpiryTemplateEn).Replace("{hours}", Math.Max(1, (int)Math.Round((expires - now).TotalHours)).ToString(CultureInfo.InvariantCulture))
        : "";

    private static Html Hidden(bool hidden) => hidden ? new(" hidden") : Html.Empty;

    private static string StepState(Job job, string step)
    {
        var index = Steps.ToList().IndexOf(step);
        var current = Steps.ToList().IndexOf(job.Status == JobStatus.Failed && job.FailedStep.Length > 0 ? job.FailedStep : job.CurrentStep);
        return job.Status switch
        {
            JobStatus.Completed => "done",
            JobStatus.Pending => "todo",
            _ when current < 0 => "todo",
            _ when index < current => "done",
            _ when index > current => "todo",
            JobStatus.Failed => "failed",
            JobStatus.Processing => "current",
            _ => "todo",
        };
    }

    private static string Iso(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : "";

    public static string Elapsed(Job job, DateTimeOffset now)
    {
        var end = job.IsTerminal ? job.CompletedAt ?? job.Updated : now;
        var span = end - job.Created;
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalHours >= 1
            ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}"
            : $"{span.Minutes}:{span.Seconds:00}";
    }

    /// <summary>The labels the script needs, as JSON in a data- attribute (encoded like any value).</summary>
    private static string Texts(Lang lang) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["status"] = JobStatuses.All.ToDictionary(s => s.ToWireName(), s => StatusLabel(lang, s)),
        ["title"] = JobStatuses.All.ToDictionary(s => s.ToWireName(), s => Title(lang, s)),
        ["step"] = Steps.ToDictionary(s => s, s => StepLabel(lang, s)),
        ["live"] = new Dictionary<string, string>
        {
            ["realtime"] = lang.T("ライブ更新中", "Live"),
            ["polling"] = lang.T("2秒ごとに確認中", "Checking every 2 s"),
            ["reconnecting"] = lang.T("再接続中…", "Reconnecting…"),
        },
        ["cancelling"] = lang.T("キャンセル中…", "Cancelling…"),
        ["waiting"] = Waiting(lang),
        ["expiry"] = lang.T(ExpiryTemplateJa, ExpiryTemplateEn),
        ["cancel"] = lang.T("キャンセル", "Cancel"),
        ["cancelFailed"] = lang.T("キャンセルできませんでした。もう一度お試しください。", "Could not cancel. Please try again."),
    });
}
