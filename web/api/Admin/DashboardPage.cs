using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using MovieGen.Api.Localization;
using MovieGen.Api.Pages;
using MovieGen.Api.Pages.Markup;
using MovieGen.Jobs;

namespace MovieGen.Api.Admin;

public sealed record DashboardModel(
    string Operator,
    JobProgressView Progress,
    JobStatsView Stats,
    AntiforgeryTokenSet Tokens,
    string CsrfHeader,
    JsonSerializerOptions Json);

/// <summary>The operations dashboard. The server sends the frame and the current data (in data-
/// attributes, as the CSP allows no inline script); /static/js/admin.js draws the panels from it
/// and keeps them live with the event stream.</summary>
public static class DashboardPage
{
    private static readonly JobStatus?[] Filters = [null, JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled, JobStatus.Processing, JobStatus.Pending];

    public static string StatusParameter(JobStatus? status) => status?.ToWireName() ?? "";

    public static Html Render(Lang lang, DashboardModel m)
    {
        var kpis = Html.Join(new (string Key, string Label)[]
        {
            ("created", lang.T("作成", "Created")),
            ("completed", lang.T("完了", "Completed")),
            ("failed", lang.T("失敗", "Failed")),
            ("cancelled", lang.T("キャンセル", "Cancelled")),
            ("success", lang.T("成功率", "Success rate")),
            ("processing-avg", lang.T("平均処理時間", "Avg processing")),
            ("processing-p95", lang.T("処理時間 p95", "Processing p95")),
            ("wait-avg", lang.T("平均待ち時間", "Avg queue wait")),
        }.Select(k => Html.Of($"""
            <article class="kpi kpi-{k.Key}" data-kpi="{k.Key}">
              <h3 class="kpi-label">{k.Label}</h3>
              <p class="kpi-value" id="kpi-{k.Key}">—</p>
              <p class="kpi-sub" id="kpi-{k.Key}-sub"></p>
            </article>
            """)));

        var stages = Html.Join(PipelineSteps.WireNames.Select(step => Html.Of($"""
            <li class="stage stage-{step}" data-stage="{step}">
              <span class="stage-name"><span class="long">{JobPage.StepLabel(lang, step)}</span><span class="short">{ShortStep(lang, step)}</span></span>
              <span class="stage-count" id="stage-{step}">0</span>
            </li>
            """)));

        var history = m.Progress.History;
        var filters = Html.Join(Filters.Select(status => Html.Of($"""
            <a class="chip" href="/admin?status={StatusParameter(status)}" data-status="{StatusParameter(status)}"{Current(history.Status == status)}>{FilterLabel(lang, status)}</a>
            """)));

        var body = Html.Of($"""
            <div class="dash" id="dash" data-mode=""
                data-lang="{lang.Code()}"
                data-progress-url="/api/admin/job-progress"
                data-stats-url="/api/admin/job-stats"
                data-events-url="/api/admin/events"
                data-jobs-url="/api/admin/jobs/"
                data-login-url="{AdminAuth.LoginPath}?{AdminAuth.ReturnParameter}=%2Fadmin"
                data-csrf-header="{m.CsrfHeader}"
                data-csrf-token="{m.Tokens.RequestToken}"
                data-progress="{JsonSerializer.Serialize(m.Progress, m.Json)}"
                data-stats="{JsonSerializer.Serialize(m.Stats, m.Json)}"
                data-steps="{JsonSerializer.Serialize(PipelineSteps.WireNames)}"
                data-i18n="{Texts(lang)}">
              <header class="dash-head">
                <div class="dash-title">
                  <h1>{lang.T("運用ダッシュボード", "Operations dashboard")}</h1>
                  <p class="dash-sub">{lang.T("直近 24 時間", "Last 24 hours")} · <span id="updated"></span></p>
                </div>
                <div class="dash-tools">
                  <span id="live" class="live-pill" role="status" aria-live="polite">{lang.T("接続中…", "Connecting…")}</span>
                  <span class="who" title="{lang.T("サインイン中", "Signed in as")}">{m.Operator}</span>
                  <form method="post" action="/admin/logout" class="signout">
                    <input type="hidden" name="{m.Tokens.FormFieldName}" value="{m.Tokens.RequestToken}">
                    <button type="submit" class="button small">{lang.T("サインアウト", "Sign out")}</button>
                  </form>
                </div>
              </header>
              <noscript><p class="alert">{lang.T(
                  "このダッシュボードは JavaScript で表示します。JavaScript を有効にするか、JSON API（/api/admin/job-progress、/api/admin/job-stats）をお使いください。",
                  "This dashboard is drawn with JavaScript. Turn it on, or use the JSON API (/api/admin/job-progress, /api/admin/job-stats).")}</p></noscript>

              <section class="kpis" aria-label="{lang.T("直近 24 時間の数字", "Figures of the last 24 hours")}">
                {kpis}
              </section>

              <section class="panel" aria-labelledby="pipeline-title">
                <div class="panel-head">
                  <h2 id="pipeline-title">{lang.T("パイプライン", "Pipeline")}</h2>
                  <span class="panel-note">{lang.T("実行中", "Running")} <strong id="running-count">0</strong></span>
                </div>
                <ol class="pipeline" id="pipeline">
                  <li class="stage stage-queue" data-stage="queue">
                    <span class="stage-name">{lang.T("順番待ち", "Queued")}</span>
                    <span class="stage-count" id="stage-queue">0</span>
                  </li>
                  {stages}
                </ol>
              </section>

              <div class="dash-grid">
                <section class="panel" aria-labelledby="running-title">
                  <div class="panel-head"><h2 id="running-title">{lang.T("実行中のジョブ", "Running jobs")}</h2><span class="count" id="running-total">0</span></div>
                  <div class="run-list" id="running"></div>
                  <p class="empty" id="running-empty">{lang.T("実行中のジョブはありません", "No job is running")}</p>
                </section>
                <section class="panel" aria-labelledby="queue-title">
                  <div class="panel-head"><h2 id="queue-title">{lang.T("順番待ち", "Queue")}</h2><span class="count" id="queue-total">0</span></div>
                  <ol class="queue-list" id="queue"></ol>
                  <p class="empty" id="queue-empty">{lang.T("順番待ちのジョブはありません", "The queue is empty")}</p>
                </section>
              </div>

              <div class="dash-grid">
                <section class="panel" aria-labelledby="failures-title">
                  <div class="panel-head"><h2 id="failures-title">{lang.T("失敗した工程", "Failures by step")}</h2><span class="count" id="failures-total">0</span></div>
                  <ul class="bars bars-failures" id="failures"></ul>
                </section>
                <section class="panel" aria-labelledby="steps-title">
                  <div class="panel-head"><h2 id="steps-title">{lang.T("工程ごとの平均時間", "Average time per step")}</h2></div>
                  <ul class="bars bars-steps" id="step-times"></ul>
                </section>
              </div>

              <section class="panel" aria-labelledby="history-title">
                <div class="panel-head panel-head-wrap">
                  <h2 id="history-title">{lang.T("履歴", "History")}</h2>
                  <nav class="filters" id="history-filters" aria-label="{lang.T("状態で絞り込み", "Filter by status")}">{filters}</nav>
                </div>
                <div class="table-wrap">
                  <table class="history">
                    <thead><tr>
                      <th scope="col">{lang.T("作成", "Created")}</th>
                      <th scope="col">URL</th>
                      <th scope="col">{lang.T("状態", "Status")}</th>
                      <th scope="col">{lang.T("工程別の時間", "Time per step")}</th>
                      <th scope="col">{lang.T("処理時間", "Processing")}</th>
                      <th scope="col">{lang.T("試行", "Attempts")}</th>
                      <th scope="col"><span class="visually-hidden">{lang.T("操作", "Actions")}</span></th>
                    </tr></thead>
                    <tbody id="history"></tbody>
                  </table>
                </div>
                <p class="empty" id="history-empty" hidden>{lang.T("該当するジョブはありません", "No matching jobs")}</p>
                <nav class="pager" aria-label="{lang.T("ページ", "Pages")}">
                  <a class="button small" id="history-prev" href="#" rel="prev">{lang.T("← 前へ", "← Newer")}</a>
                  <span id="history-page"></span>
                  <a class="button small" id="history-next" href="#" rel="next">{lang.T("次へ →", "Older →")}</a>
                </nav>
              </section>
              <div id="toast" class="toast" role="alert" hidden></div>
            </div>
            """);
        var scripts = Html.Of($"""<script src="/static/js/admin.js"></script>""");
        return Layout.Page(lang, lang.T("運用ダッシュボード", "Operations dashboard"), body, LoginPage.AdminStyles, scripts);
    }

    private static string ShortStep(Lang lang, string step) =>
        PipelineSteps.FromWireName(step)?.Label(lang).Short ?? lang.T("不明", "Unknown");

    private static Html Current(bool current) => current ? new(" aria-current=\"true\"") : Html.Empty;

    private static string FilterLabel(Lang lang, JobStatus? status) =>
        status is { } s ? JobPage.StatusLabel(lang, s) : lang.T("すべて", "All");

    /// <summary>The labels the script needs, as JSON in a data- attribute (encoded like any value).</summary>
    private static string Texts(Lang lang) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["locale"] = lang.T("ja-JP", "en-GB"),
        ["status"] = JobStatuses.All.ToDictionary(s => s.ToWireName(), s => JobPage.StatusLabel(lang, s)),
        ["step"] = PipelineSteps.WireNames.ToDictionary(s => s, s => JobPage.StepLabel(lang, s)),
        ["stepShort"] = PipelineSteps.WireNames.Append(JobStats.UnknownStep).ToDictionary(s => s, s => ShortStep(lang, s)),
        ["live"] = new Dictionary<string, string>
        {
            ["connecting"] = lang.T("接続中…", "Connecting…"),
            ["live"] = lang.T("ライブ", "Live"),
            ["reconnecting"] = lang.T("再接続中…", "Reconnecting…"),
            ["polling"] = lang.T("5 秒ごとに更新", "Refreshing every 5 s"),
        },
        ["elapsed"] = lang.T("経過", "Elapsed"),
        ["inStep"] = lang.T("この工程", "In step"),
        ["worker"] = lang.T("ワーカー", "Worker"),
        ["attempts"] = lang.T("試行", "Attempt"),
        ["waiting"] = lang.T("待ち", "Waiting"),
        ["cancel"] = lang.T("キャンセル", "Cancel"),
        ["retry"] = lang.T("再実行", "Retry"),
        ["actionFailed"] = lang.T("操作できませんでした。", "The action failed."),
        ["page"] = lang.T("{page} / {pages} ページ（{total} 件）", "Page {page} of {pages} ({total} jobs)"),
        ["updated"] = lang.T("{time} 更新", "updated {time}"),
        ["ofJobs"] = lang.T("{n} 件", "{n} jobs"),
        ["successSub"] = lang.T("完了 ÷ (完了 + 失敗)", "completed ÷ (completed + failed)"),
        ["avgSub"] = lang.T("完了 {n} 件の平均", "mean of {n} completed"),
        ["p95Sub"] = lang.T("完了 {n} 件の 95 パーセンタイル", "95th percentile of {n} completed"),
        ["waitSub"] = lang.T("開始した {n} 件の平均", "mean of {n} started"),
        ["p95Of"] = lang.T("p95 {value}", "p95 {value}"),
        ["pendingNow"] = lang.T("いま順番待ち {n} 件", "{n} waiting now"),
        ["runningNow"] = lang.T("いま実行中 {n} 件", "{n} running now"),
        ["noData"] = lang.T("データなし", "no data"),
        ["noFailures"] = lang.T("直近 24 時間に失敗はありません", "No failures in the last 24 hours"),
        ["noSteps"] = lang.T("まだ記録がありません", "Nothing recorded yet"),
        ["seconds"] = lang.T("{s} 秒", "{s} s"),
        ["minutes"] = lang.T("{m} 分 {s} 秒", "{m} min {s} s"),
        ["hours"] = lang.T("{h} 時間 {m} 分", "{h} h {m} min"),
        ["failedAt"] = lang.T("{step}で失敗", "failed at {step}"),
        ["open"] = lang.T("ジョブのページを開く", "Open the job page"),
        ["topFailure"] = lang.T("最多は{step}（{n} 件）", "most at {step} ({n})"),
        ["columns"] = new Dictionary<string, string>
        {
            ["created"] = lang.T("作成", "Created"),
            ["status"] = lang.T("状態", "Status"),
            ["steps"] = lang.T("工程別", "Per step"),
            ["total"] = lang.T("処理時間", "Processing"),
            ["attempts"] = lang.T("試行", "Attempts"),
        },
    });
}
