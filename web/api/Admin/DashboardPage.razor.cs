using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;

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
public sealed partial class DashboardPage
{
    private static readonly JobStatus?[] Filters = [null, JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled, JobStatus.Processing, JobStatus.Pending];

    private static readonly string StepsJson = JsonSerializer.Serialize(PipelineSteps.WireNames);

    private string ProgressJson => JsonSerializer.Serialize(Model.Progress, Model.Json);

    private string StatsJson => JsonSerializer.Serialize(Model.Stats, Model.Json);

    private static string StatusParameter(JobStatus? status) => status?.ToWireName() ?? "";

    private (string Key, string Label)[] Kpis =>
    [
        ("created", Lang.T("作成", "Created")),
        ("completed", Lang.T("完了", "Completed")),
        ("failed", Lang.T("失敗", "Failed")),
        ("cancelled", Lang.T("キャンセル", "Cancelled")),
        ("success", Lang.T("成功率", "Success rate")),
        ("processing-avg", Lang.T("平均処理時間", "Avg processing")),
        ("processing-p95", Lang.T("処理時間 p95", "Processing p95")),
        ("wait-avg", Lang.T("平均待ち時間", "Avg queue wait")),
    ];

    private string FilterLabel(JobStatus? status) => status is { } s ? s.Label(Lang).Name : Lang.T("すべて", "All");

    /// <summary>The labels the script needs, as JSON in a data- attribute (encoded like any value).</summary>
    private string Texts() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["locale"] = Lang.T("ja-JP", "en-GB"),
        ["status"] = JobStatuses.All.ToDictionary(s => s.ToWireName(), s => s.Label(Lang).Name),
        ["step"] = PipelineSteps.All.ToDictionary(s => s.ToWireName(), s => s.Label(Lang).Name),
        ["stepShort"] = new Dictionary<string, string>(PipelineSteps.All.ToDictionary(s => s.ToWireName(), s => s.Label(Lang).Short))
        {
            [JobStats.UnknownStep] = Lang.T("不明", "Unknown"),
        },
        ["live"] = new Dictionary<string, string>
        {
            ["connecting"] = Lang.T("接続中…", "Connecting…"),
            ["live"] = Lang.T("ライブ", "Live"),
            ["reconnecting"] = Lang.T("再接続中…", "Reconnecting…"),
            ["polling"] = Lang.T("5 秒ごとに更新", "Refreshing every 5 s"),
        },
        ["elapsed"] = Lang.T("経過", "Elapsed"),
        ["inStep"] = Lang.T("この工程", "In step"),
        ["worker"] = Lang.T("ワーカー", "Worker"),
        ["attempts"] = Lang.T("試行", "Attempt"),
        ["waiting"] = Lang.T("待ち", "Waiting"),
        ["cancel"] = Lang.T("キャンセル", "Cancel"),
        ["retry"] = Lang.T("再実行", "Retry"),
        ["actionFailed"] = Lang.T("操作できませんでした。", "The action failed."),
        ["page"] = Lang.T("{page} / {pages} ページ（{total} 件）", "Page {page} of {pages} ({total} jobs)"),
        ["updated"] = Lang.T("{time} 更新", "updated {time}"),
        ["ofJobs"] = Lang.T("{n} 件", "{n} jobs"),
        ["successSub"] = Lang.T("完了 ÷ (完了 + 失敗)", "completed ÷ (completed + failed)"),
        ["avgSub"] = Lang.T("完了 {n} 件の平均", "mean of {n} completed"),
        ["p95Sub"] = Lang.T("完了 {n} 件の 95 パーセンタイル", "95th percentile of {n} completed"),
        ["waitSub"] = Lang.T("開始した {n} 件の平均", "mean of {n} started"),
        ["p95Of"] = Lang.T("p95 {value}", "p95 {value}"),
        ["pendingNow"] = Lang.T("いま順番待ち {n} 件", "{n} waiting now"),
        ["runningNow"] = Lang.T("いま実行中 {n} 件", "{n} running now"),
        ["noData"] = Lang.T("データなし", "no data"),
        ["noFailures"] = Lang.T("直近 24 時間に失敗はありません", "No failures in the last 24 hours"),
        ["noSteps"] = Lang.T("まだ記録がありません", "Nothing recorded yet"),
        ["seconds"] = Lang.T("{s} 秒", "{s} s"),
        ["minutes"] = Lang.T("{m} 分 {s} 秒", "{m} min {s} s"),
        ["hours"] = Lang.T("{h} 時間 {m} 分", "{h} h {m} min"),
        ["failedAt"] = Lang.T("{step}で失敗", "failed at {step}"),
        ["open"] = Lang.T("ジョブのページを開く", "Open the job page"),
        ["topFailure"] = Lang.T("最多は{step}（{n} 件）", "most at {step} ({n})"),
        ["columns"] = new Dictionary<string, string>
        {
            ["created"] = Lang.T("作成", "Created"),
            ["status"] = Lang.T("状態", "Status"),
            ["steps"] = Lang.T("工程別", "Per step"),
            ["total"] = Lang.T("処理時間", "Processing"),
            ["attempts"] = Lang.T("試行", "Attempts"),
        },
    });
}
