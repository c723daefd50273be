using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MovieGen.Api.Admin;
using MovieGen.Api.Tests.Browser;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;
using static Microsoft.Playwright.Assertions;

namespace MovieGen.Api.Tests.Admin;

/// <summary>The dashboard in a real browser against the API on Kestrel and a real PocketBase, with
/// jobs driven exactly as the worker drives them (claim, progress writes, outcome).</summary>
public sealed partial class DashboardBrowserTests(BrowserFixture fx) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Worker = "worker-x";

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private const float LiveDeadlineMs = 60_000;

    private ApiFixture Backend => fx.Backend;

    private JobStore Store => Backend.Store;

    private async Task<IPage> SignedInDashboardAsync(string locale = "ja-JP", int width = 1280, int height = 900)
    {
        var page = await fx.OpenAsync($"{fx.LiveUrl}/admin", locale, width, height);
        await Expect(page).ToHaveURLAsync(SignInAddress());
        await page.Locator("#email").FillAsync(PocketBaseServer.AdminEmail);
        await page.Locator("#password").FillAsync(PocketBaseServer.AdminPassword);
        await page.Locator("#password-form button[type=submit]").ClickAsync();

        // The API's first viewer opens its PocketBase subscription (an admin sign-in, then the
        // realtime connection): seconds on a loaded two-core machine, not Playwright's default
        // five. A deadline, not a speed target: a CI run once missed 20 s.
        try
        {
            await Expect(page.Locator("#dash")).ToHaveAttributeAsync("data-mode", "live", new() { Timeout = LiveDeadlineMs });
        }
        catch (PlaywrightException ex)
        {
            throw new PlaywrightException($"{ex.Message}\n{await WhereTheDashboardIsAsync(page)}", ex);
        }

        return page;
    }

    /// <summary>What a failed wait for the live dashboard needs to be understood: where the browser
    /// is, what the page says, and the API's shared subscription.</summary>
    private async Task<string> WhereTheDashboardIsAsync(IPage page)
    {
        var hub = fx.LiveApi.Service<JobEventHub>();
        var dash = page.Locator("#dash");
        var mode = await dash.CountAsync() > 0 ? await dash.GetAttributeAsync("data-mode") : "(no #dash)";
        var text = await page.Locator("body").InnerTextAsync();
        return $"page {page.Url}, data-mode {mode}, hub: {hub.Viewers} viewers, {hub.Subscriptions} subscriptions; page text: {text[..Math.Min(text.Length, 400)]}";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fx.CloseContextsAsync();

    /// <summary>Nothing queued or running from an earlier test, so the claim takes this test's job.</summary>
    private async Task ClearQueueAsync()
    {
        await foreach (var job in Store.ListAllAsync("status = 'pending' || status = 'processing'", null, default))
        {
            await Store.CancelAsync(job.Id, default);
        }
    }

    private async Task<Job> ClaimedAsync()
    {
        var job = await Backend.NewJobAsync();
        var claim = await Store.ClaimAsync(new ClaimRequest(Worker, Lease, 3), default);
        claim.Job!.Id.ShouldBe(job.Id);
        return claim.Job;
    }

    private Task<Job> ReportAsync(Job job, JobUpdate update) => Store.UpdateAsync(job.Id, Worker, Lease, update, default);

    private static Dictionary<string, StepTiming> Timings(DateTimeOffset start, params double?[] seconds)
    {
        var timings = new Dictionary<string, StepTiming>();
        var at = start;
        for (var i = 0; i < seconds.Length; i++)
        {
            DateTimeOffset? end = seconds[i] is { } s ? at.AddSeconds(s) : null;
            timings[PipelineSteps.WireNames[i]] = new StepTiming(at, end);
            at = end ?? at;
        }

        return timings;
    }

    private static Task<int> NavigationsAsync(IPage page) => page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length");

    [Fact]
    public async Task A_job_moving_through_the_stages_is_followed_live_without_a_reload()
    {
        await ClearQueueAsync();
        var queued = await Backend.NewJobAsync();
        var page = await SignedInDashboardAsync();
        await Expect(page.Locator($"#queue li[data-id='{queued.Id}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#stage-queue")).ToHaveTextAsync("1");
        var completedBefore = int.Parse(await page.Locator("#kpi-completed").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        var job = await Store.ClaimAsync(new ClaimRequest(Worker, Lease, 3), default).ContinueWith(t => t.Result.Job!);
        job.Id.ShouldBe(queued.Id);
        var card = page.Locator($"#running .run-card[data-id='{job.Id}']");
        await Expect(card).ToHaveAttributeAsync("data-step", "fetch");
        await Expect(page.Locator("#stage-fetch")).ToHaveTextAsync("1");
        await Expect(page.Locator($"#queue li[data-id='{job.Id}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#stage-queue")).ToHaveTextAsync("0");
        await Expect(card.Locator(".run-worker")).ToHaveTextAsync(Worker);

        var start = DateTimeOffset.UtcNow.AddSeconds(-12);
        await ReportAsync(job, new JobUpdate
        {
            Progress = 45, CurrentStep = "audio", ProgressMessage = "音声を生成中 (3/12)", StepTimings = Timings(start, 2.5, 6, null),
        });
        await Expect(card).ToHaveAttributeAsync("data-step", "audio");
        await Expect(card.Locator(".run-pct")).ToHaveTextAsync("45%");
        await Expect(card.Locator(".run-msg")).ToHaveTextAsync("音声を生成中 (3/12)");
        await Expect(card.Locator(".stage-chip")).ToHaveTextAsync("音声の合成");
        await Expect(page.Locator("#stage-audio")).ToHaveTextAsync("1");
        await Expect(page.Locator("#stage-fetch")).ToHaveTextAsync("0");
        (await card.Locator("progress").EvaluateAsync<double>("bar => bar.value")).ShouldBe(45);
        await BrowserFixture.ScreenshotAsync(page, "admin-dashboard");

        await ReportAsync(job, new JobUpdate { Progress = 85, CurrentStep = "video", ProgressMessage = "動画を書き出し中", StepTimings = Timings(start, 2.5, 6, 20, 4, null) });
        await Expect(card).ToHaveAttributeAsync("data-step", "video");
        await Expect(page.Locator("#stage-video")).ToHaveTextAsync("1");
        await Expect(page.Locator("#stage-audio")).ToHaveTextAsync("0");

        await MovieGen.Testing.StoredVideo.StoreAsync(Store, job.Id, [1, 2, 3]);
        await ReportAsync(job, new JobUpdate { Status = JobStatus.Completed, Progress = 100, StepTimings = Timings(start, 2.5, 6, 20, 4, 9) });
        await Expect(card).ToHaveCountAsync(0);
        await Expect(page.Locator("#running-empty")).ToBeVisibleAsync();
        var row = page.Locator($"#history tr[data-id='{job.Id}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "completed");
        await Expect(row.Locator(".dur")).ToHaveTextAsync(["取得 2.5 秒", "台本 6 秒", "音声 20 秒", "スライド 4 秒", "動画 9 秒"]);
        await Expect(page.Locator("#kpi-completed")).ToHaveTextAsync((completedBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await NavigationsAsync(page)).ShouldBe(1);
    }

    [Fact]
    public async Task Retry_puts_a_failed_job_back_in_the_queue()
    {
        await ClearQueueAsync();
        var job = await ClaimedAsync();
        await ReportAsync(job, new JobUpdate { Status = JobStatus.Failed, FailedStep = "audio", ErrorMessage = "音声を合成できませんでした。" });
        var page = await SignedInDashboardAsync();

        await page.Locator("#history-filters a[data-status=failed]").ClickAsync();
        var row = page.Locator($"#history tr[data-id='{job.Id}']");
        await Expect(row.Locator(".h-error")).ToHaveTextAsync("音声を合成できませんでした。");
        await Expect(row.Locator(".dur.failed")).ToHaveTextAsync("音声で失敗");
        await BrowserFixture.ScreenshotAsync(page, "admin-history-failed");
        await row.Locator("button[data-action=retry]").ClickAsync();

        await Expect(page.Locator($"#queue li[data-id='{job.Id}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#stage-queue")).ToHaveTextAsync("1");
        await Expect(row).ToHaveCountAsync(0); // no longer failed
        var stored = await Eventually.ReturnsAsync(() => Store.GetAsync(job.Id, default), j => j?.Status == JobStatus.Pending,
            TimeSpan.FromSeconds(5), "the job is pending again");
        stored!.Attempts.ShouldBe(0);
        stored.FailedStep.ShouldBe("");
        page.Url.ShouldEndWith("/admin?status=failed");
    }

    [Fact]
    public async Task Cancel_on_a_queued_job_takes_it_out_of_the_queue()
    {
        await ClearQueueAsync();
        var job = await Backend.NewJobAsync();
        var page = await SignedInDashboardAsync();

        await page.Locator($"#queue li[data-id='{job.Id}'] button[data-action=cancel]").ClickAsync();

        await Expect(page.Locator($"#queue li[data-id='{job.Id}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#queue-empty")).ToBeVisibleAsync();
        (await Store.GetAsync(job.Id, default))!.Status.ShouldBe(JobStatus.Cancelled);
    }

    [Fact]
    public async Task After_PocketBase_restarts_the_dashboard_reads_everything_again_and_stays_live()
    {
        await ClearQueueAsync();
        var job = await ClaimedAsync();
        await ReportAsync(job, new JobUpdate { Progress = 20, CurrentStep = "script" });
        var page = await SignedInDashboardAsync();
        var card = page.Locator($"#running .run-card[data-id='{job.Id}']");
        await Expect(card).ToHaveAttributeAsync("data-step", "script");

        await Backend.PocketBase.StopAsync();
        await Expect(page.Locator("#dash")).Not.ToHaveAttributeAsync("data-mode", "live", new() { Timeout = 10_000 });
        await Backend.PocketBase.StartAsync();
        // Written before the API's subscription is back: only the re-read after "reconnected" shows it.
        await ReportAsync(job, new JobUpdate { Progress = 60, CurrentStep = "slides" });

        await Expect(card).ToHaveAttributeAsync("data-step", "slides", new() { Timeout = 20_000 });
        await Expect(page.Locator("#dash")).ToHaveAttributeAsync("data-mode", "live", new() { Timeout = LiveDeadlineMs });
        await ReportAsync(job, new JobUpdate { Progress = 90, CurrentStep = "video" });
        await Expect(card).ToHaveAttributeAsync("data-step", "video");
    }

    [Fact]
    public async Task When_the_event_stream_is_refused_the_dashboard_polls_the_json_api()
    {
        await ClearQueueAsync();
        var context = await fx.Browser.NewContextAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1280, Height = 900 } });
        await context.RouteAsync("**/api/admin/events", route => route.FulfillAsync(new() { Status = 503, Body = "" }));
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fx.LiveUrl}/admin");
        await page.Locator("#email").FillAsync(PocketBaseServer.AdminEmail);
        await page.Locator("#password").FillAsync(PocketBaseServer.AdminPassword);
        await page.Locator("#password-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#dash")).ToHaveAttributeAsync("data-mode", "polling");
        await Expect(page.Locator("#live")).ToHaveTextAsync("5 秒ごとに更新");

        var job = await ClaimedAsync();
        await ReportAsync(job, new JobUpdate { Progress = 30, CurrentStep = "script" });

        await Expect(page.Locator($"#running .run-card[data-id='{job.Id}']")).ToHaveAttributeAsync("data-step", "script", new() { Timeout = 8000 });
    }

    [Fact]
    public async Task On_a_phone_in_English_the_dashboard_fits_the_screen()
    {
        await ClearQueueAsync();
        var running = await ClaimedAsync();
        await ReportAsync(running, new JobUpdate
        {
            Progress = 62, CurrentStep = "slides", ProgressMessage = "Drawing slides (4/7)", StepTimings = Timings(DateTimeOffset.UtcNow.AddSeconds(-40), 3, 7, 24, null),
        });
        await Backend.NewJobAsync("https://blog.example/2026/11/a-rather-long-article-address-that-needs-to-be-cut-short");
        var page = await SignedInDashboardAsync("en-GB", 375, 812);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Operations dashboard");
        await Expect(page.Locator($"#running .run-card[data-id='{running.Id}'] .stage-chip")).ToHaveTextAsync("Drawing slides");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("no sideways scrolling on a phone");
        await BrowserFixture.ScreenshotAsync(page, "admin-dashboard-phone-en");
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_browser_on_the_sign_in_form_with_an_error()
    {
        var page = await fx.OpenAsync($"{fx.LiveUrl}/admin/login", "ja-JP", 1100, 800);
        await BrowserFixture.ScreenshotAsync(page, "admin-sign-in");

        await page.Locator("#email").FillAsync(PocketBaseServer.AdminEmail);
        await page.Locator("#password").FillAsync("not-the-password-1");
        await page.Locator("#password-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#signin-error")).ToHaveTextAsync("サインインできませんでした。入力した内容を確認して、もう一度お試しください。");
        await Expect(page.Locator("#email")).ToHaveValueAsync(PocketBaseServer.AdminEmail);
        await Expect(page.Locator("#password")).ToHaveValueAsync("");
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "moviegen-admin");
    }

    [GeneratedRegex("/admin/login\\?return=%2Fadmin$")]
    private static partial Regex SignInAddress();
}
