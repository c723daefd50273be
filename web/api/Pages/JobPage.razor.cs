using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using MovieGen.Api.Jobs;
using MovieGen.Jobs;

namespace MovieGen.Api.Pages;

public sealed record JobPageModel(Job Job, int? QueuePosition, string PocketBaseUrl, DateTimeOffset Now, AntiforgeryTokenSet Tokens);

/// <summary>The progress page. The server renders the current state completely (it works without
/// JavaScript); /static/js/progress.js then keeps the same elements up to date, so everything it
/// needs comes in data- attributes: the step list, the statuses that end a job, the labels.</summary>
public sealed partial class JobPage
{
    private const string ExpiryTemplateJa = "動画はあと約 {hours} 時間で削除されます。残しておきたい場合はダウンロードしてください。";

    private const string ExpiryTemplateEn = "The video is deleted in about {hours} h. Download it to keep it.";

    private static readonly string StepsJson = JsonSerializer.Serialize(PipelineSteps.WireNames);

    private static readonly string TerminalJson = JsonSerializer.Serialize(JobStatuses.All.Where(s => s.IsTerminal()).Select(s => s.ToWireName()));

    private Job Job => Model.Job;

    private string Status => Job.Status.ToWireName();

    private bool Terminal => Job.IsTerminal;

    private bool Completed => Job.Status == JobStatus.Completed;

    private bool Failed => Job.Status == JobStatus.Failed;

    private string Waiting => Lang.T("順番が来ると自動で作成が始まります。", "Making starts by itself when its turn comes.");

    private string FailedStepName => Failed && Job.FailedStep.Length > 0
        ? PipelineSteps.FromWireName(Job.FailedStep)?.Label(Lang).Name ?? Job.FailedStep
        : "—";

    private string Expiry => Job.ExpiresAt is { } expires
        ? Lang.T(ExpiryTemplateJa, ExpiryTemplateEn).Replace("{hours}", Math.Max(1, (int)Math.Round((expires - Model.Now).TotalHours)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        : "";

    private string StepState(PipelineStep step)
    {
        var current = PipelineSteps.FromWireName(Failed && Job.FailedStep.Length > 0 ? Job.FailedStep : Job.CurrentStep);
        return Job.Status switch
        {
            JobStatus.Completed => "done",
            JobStatus.Pending => "todo",
            _ when current is null => "todo",
            _ when step < current => "done",
            _ when step > current => "todo",
            JobStatus.Failed => "failed",
            JobStatus.Processing => "current",
            _ => "todo",
        };
    }

    private static string Iso(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : "";

    private static string Elapsed(Job job, DateTimeOffset now)
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
    private string Texts() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["status"] = JobStatuses.All.ToDictionary(s => s.ToWireName(), s => s.Label(Lang).Name),
        ["title"] = JobStatuses.All.ToDictionary(s => s.ToWireName(), s => s.Label(Lang).Headline),
        ["step"] = PipelineSteps.All.ToDictionary(s => s.ToWireName(), s => s.Label(Lang).Name),
        ["live"] = new Dictionary<string, string>
        {
            ["realtime"] = Lang.T("ライブ更新中", "Live"),
            ["polling"] = Lang.T("2秒ごとに確認中", "Checking every 2 s"),
            ["reconnecting"] = Lang.T("再接続中…", "Reconnecting…"),
        },
        ["cancelling"] = Lang.T("キャンセル中…", "Cancelling…"),
        ["waiting"] = Waiting,
        ["expiry"] = Lang.T(ExpiryTemplateJa, ExpiryTemplateEn),
        ["cancel"] = Lang.T("キャンセル", "Cancel"),
        ["cancelFailed"] = Lang.T("キャンセルできませんでした。もう一度お試しください。", "Could not cancel. Please try again."),
    });
}
