using System.Diagnostics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MovieGen.Api.Tests.Browser;

/// <summary>The progress page in a real browser: live updates through PocketBase realtime, recovery
/// after a PocketBase restart, the polling fallback, the player, cancel, and the form.</summary>
public sealed class ProgressPageTests(BrowserFixture fx) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fx.CloseContextsAsync();

    private ApiFixture Backend => fx.Backend;

    private async Task<IPage> OpenJobAsync(Job job, string? baseUrl = null, string locale = "ja-JP", int width = 1100, int height = 900)
    {
        var page = await fx.OpenAsync($"{baseUrl ?? fx.LiveUrl}/jobs/{job.Id}", locale, width, height);
        await Expect(page.Locator("#job")).ToHaveAttributeAsync("data-mode", baseUrl == fx.NoRealtimeUrl ? "polling" : "realtime");
        return page;
    }

    private Task<Job> ProcessingAsync(Job job, int progress, string step, string message) =>
        Backend.PatchAsync(job.Id, new { status = "processing", worker_id = MovieGen.Testing.StoredVideo.Arranger, progress, current_step = step, progress_message = message, started_at = DateTimeOffset.UtcNow.AddSeconds(-75).ToString("yyyy-MM-dd HH:mm:ss.fffZ") });

    [Fact]
    public async Task Progress_written_to_PocketBase_appears_on_the_page_within_a_second_without_a_reload()
    {
        var job = await ProcessingAsync(await Backend.NewJobAsync(), 10, "script", "台本を作成中");
        var page = await OpenJobAsync(job);
        await page.EvaluateAsync("() => { window.__navigations = performance.getEntriesByType('navigation').length; }");

        var clock = Stopwatch.StartNew();
        await ProcessingAsync(job, 42, "audio", "音声を生成中 (3/12)");
        await Expect(page.Locator("#progress-percent")).ToHaveTextAsync("42%", new() { Timeout = 1000 });
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));

        await Expect(page.Locator("#progress-message")).ToHaveTextAsync("音声を生成中 (3/12)");
        await Expect(page.Locator("li[data-step=audio]")).ToHaveClassAsync("step current");
        await Expect(page.Locator("li[data-step=script]")).ToHaveClassAsync("step done");
        (await page.Locator("#progress-bar").EvaluateAsync<int>("bar => bar.value")).ShouldBe(42);
        (await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length")).ShouldBe(1);
        await BrowserFixture.ScreenshotAsync(page, "progress-processing");
    }

    [Fact]
    public async Task An_update_that_would_move_progress_backwards_is_ignored()
    {
        var job = await ProcessingAsync(await Backend.NewJobAsync(), 50, "audio", "音声を生成中 (6/12)");
        var page = await OpenJobAsync(job);
        await page.EvaluateAsync("""
            () => {
              window.__seen = [];
              new MutationObserver(() => window.__seen.push(document.getElementById('progress-percent').textContent))
                .observe(document.getElementById('progress-percent'), { childList: true, characterData: true, subtree: true });
            }
            """);

        await ProcessingAsync(job, 30, "audio", "古い進捗");
        await ProcessingAsync(job, 55, "audio", "音声を生成中 (7/12)");
        await Expect(page.Locator("#progress-percent")).ToHaveTextAsync("55%");

        (await page.EvaluateAsync<string[]>("() => window.__seen")).ShouldNotContain("30%");
        await Expect(page.Locator("#progress-message")).ToHaveTextAsync("音声を生成中 (7/12)");
    }

    [Fact]
    public async Task After_PocketBase_restarts_the_page_reconnects_re_reads_and_shows_later_updates()
    {
        var job = await ProcessingAsync(await Backend.NewJobAsync(), 20, "audio", "音声を生成中 (1/12)");
        var page = await OpenJobAsync(job);

        await Backend.PocketBase.StopAsync();
        await Expect(page.Locator("#job")).ToHaveAttributeAsync("data-mode", "reconnecting", new() { Timeout = 10_000 });
        await Backend.PocketBase.StartAsync();
        // Written before the page is back: only the re-read on PB_CONNECT can show it.
        await ProcessingAsync(job, 65, "slides", "スライドを作成中 (2/6)");
        await Expect(page.Locator("#progress-percent")).ToHaveTextAsync("65%", new() { Timeout = 15_000 });
        await Expect(page.Locator("#job")).ToHaveAttributeAsync("data-mode", "realtime");

        await ProcessingAsync(job, 80, "video", "動画を書き出し中");
        await Expect(page.Locator("#progress-percent")).ToHaveTextAsync("80%", new() { Timeout = 2000 });
        await BrowserFixture.ScreenshotAsync(page, "progress-after-pocketbase-restart");
    }

    [Fact]
    public async Task When_realtime_cannot_connect_the_page_polls_the_api_and_shows_progress()
    {
        var job = await ProcessingAsync(await Backend.NewJobAsync(), 15, "fetch", "記事を取得中");
        var page = await OpenJobAsync(job, fx.NoRealtimeUrl);
        await Expect(page.Locator("#live")).ToHaveTextAsync("2秒ごとに確認中");

        await ProcessingAsync(job, 33, "script", "台本を作成中");

        await Expect(page.Locator("#progress-percent")).ToHaveTextAsync("33%", new() { Timeout = 5000 });
        await Expect(page.Locator("#progress-message")).ToHaveTextAsync("台本を作成中");
        await BrowserFixture.ScreenshotAsync(page, "progress-polling-fallback");
    }

    [Fact]
    public async Task A_completed_job_shows_a_player_whose_video_loads_and_a_download_button()
    {
        var job = await ProcessingAsync(await Backend.NewJobAsync(), 90, "video", "動画を書き出し中");
        await Backend.Store.StoreVideoAsync(job.Id, MovieGen.Testing.StoredVideo.Arranger, fx.SampleVideo, null, new FileInfo(fx.SampleVideo).Length, 2.0, default);
        var page = await OpenJobAsync(job);

        await Backend.PatchAsync(job.Id, new
        {
            status = "completed", progress = 100, completed_at = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffZ"),
            expires_at = DateTimeOffset.UtcNow.AddHours(24).ToString("yyyy-MM-dd HH:mm:ss.fffZ"),
        });

        await Expect(page.Locator("#status-badge")).ToHaveTextAsync("完成");
        await Expect(page.Locator("#video")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('video'); return v.readyState >= 1 && v.duration > 0; }");
        (await page.Locator("#video").EvaluateAsync<double>("v => v.duration")).ShouldBeGreaterThan(1.5);
        (await page.Locator("#video").GetAttributeAsync("loop")).ShouldBeNull();
        (await page.Locator("#download").GetAttributeAsync("href")).ShouldBe($"/api/jobs/{job.Id}/video?download=1");
        await Expect(page.Locator("#cancel-form")).ToBeHiddenAsync();
        await Expect(page.Locator("#expiry")).ToHaveTextAsync("動画はあと約 24 時間で削除されます。残しておきたい場合はダウンロードしてください。");
        await Expect(page.Locator("#job")).ToHaveAttributeAsync("data-mode", "");
        await BrowserFixture.ScreenshotAsync(page, "progress-completed");
    }

    [Fact]
    public async Task A_failed_job_shows_the_reason_and_the_failed_step()
    {
        var job = await ProcessingAsync(await Backend.NewJobAsync(), 5, "fetch", "記事を取得中");
        var page = await OpenJobAsync(job);

        await Backend.PatchAsync(job.Id, new { status = "failed", failed_step = "fetch", error_message = "記事の本文が短すぎます（80文字）。本文のあるページのURLを指定してください。" });

        await Expect(page.Locator("#failure")).ToBeVisibleAsync();
        await Expect(page.Locator("#failure-step-name")).ToHaveTextAsync("記事の取得");
        await Expect(page.Locator("#failure-message")).ToContainTextAsync("本文が短すぎます");
        await Expect(page.Locator("li[data-step=fetch]")).ToHaveClassAsync("step failed");
        await BrowserFixture.ScreenshotAsync(page, "progress-failed");
    }

    [Fact]
    public async Task The_cancel_button_cancels_a_queued_job()
    {
        var job = await Backend.NewJobAsync();
        var page = await OpenJobAsync(job);
        await Expect(page.Locator("#queue")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "progress-pending");

        await page.Locator("#cancel-button").ClickAsync();

        await Expect(page.Locator("#status-badge")).ToHaveTextAsync("キャンセル済み");
        await Expect(page.Locator("#cancelled")).ToBeVisibleAsync();
        await Expect(page.Locator("#cancel-form")).ToBeHiddenAsync();
        (await Backend.Store.GetAsync(job.Id, default))!.Status.ShouldBe(JobStatus.Cancelled);
        await BrowserFixture.ScreenshotAsync(page, "progress-cancelled");
    }

    [Fact]
    public async Task The_form_creates_a_job_and_opens_its_live_page()
    {
        var page = await fx.OpenAsync(fx.LiveUrl + "/");
        await BrowserFixture.ScreenshotAsync(page, "form");

        await page.Locator("#url").FillAsync($"https://news.example/articles/{Guid.NewGuid():N}");
        await page.Locator("button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/jobs/[a-z0-9]{15}$"));
        await Expect(page.Locator("#status-badge")).ToHaveTextAsync("順番待ち");
        await Expect(page.Locator("#job")).ToHaveAttributeAsync("data-mode", "realtime");
    }

    [Fact]
    public async Task The_form_shows_a_refusal_with_the_url_kept()
    {
        var page = await fx.OpenAsync(fx.LiveUrl + "/");
        const string url = "http://127.0.0.1:8090/_/";

        await page.Locator("#url").FillAsync(url);
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator("#url-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#url-error")).ToHaveAttributeAsync("data-reason", "forbidden_address");
        await Expect(page.Locator("#url-error")).ToContainTextAsync("公開されている記事のURL");
        await Expect(page.Locator("#url")).ToHaveValueAsync(url);
        await BrowserFixture.ScreenshotAsync(page, "form-refused");
    }

    [Fact]
    public async Task Without_javascript_the_page_shows_the_state_and_a_reload_link()
    {
        var job = await ProcessingAsync(await Backend.NewJobAsync(), 60, "slides", "スライドを作成中 (3/6)");

        var page = await fx.OpenAsync($"{fx.LiveUrl}/jobs/{job.Id}", javaScript: false);

        await Expect(page.Locator("#progress-percent")).ToHaveTextAsync("60%");
        await Expect(page.Locator("#progress-message")).ToHaveTextAsync("スライドを作成中 (3/6)");
        await Expect(page.Locator("#reload")).ToBeVisibleAsync();
        (await page.Locator("#reload").GetAttributeAsync("href")).ShouldBe($"/jobs/{job.Id}");
        await BrowserFixture.ScreenshotAsync(page, "progress-without-javascript");
    }

    [Fact]
    public async Task The_page_reads_well_in_english_and_on_a_phone()
    {
        var job = await ProcessingAsync(await Backend.NewJobAsync(), 35, "audio", "Recording voices (4/12)");

        var english = await OpenJobAsync(job, locale: "en-US");
        var phone = await OpenJobAsync(job, width: 390, height: 844);
        var form = await fx.OpenAsync(fx.LiveUrl + "/", width: 390, height: 844);

        await Expect(english.Locator("#status-badge")).ToHaveTextAsync("In progress");
        await Expect(english.Locator("#live")).ToHaveTextAsync("Live");
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("no sideways scrolling on a phone");
        (await form.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("no sideways scrolling on a phone");
        await BrowserFixture.ScreenshotAsync(english, "progress-english");
        await BrowserFixture.ScreenshotAsync(phone, "progress-phone");
        await BrowserFixture.ScreenshotAsync(form, "form-phone");
    }

    [Fact]
    public async Task An_unknown_job_shows_a_not_found_page()
    {
        var page = await fx.OpenAsync(fx.LiveUrl + "/jobs/zzzzzzzzzzzzzzz");

        await Expect(page.Locator("h1")).ToHaveTextAsync("ジョブが見つかりません");
        await BrowserFixture.ScreenshotAsync(page, "not-found");
    }
}
