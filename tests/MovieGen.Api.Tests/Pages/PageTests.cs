namespace MovieGen.Api.Tests.Pages;

public sealed class PageTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api(("RATE_LIMIT_PER_DAY", "7"), ("MAX_QUEUE_SIZE", "900"), ("JOB_EXPIRATION_HOURS", "36"));

    [Fact]
    public async Task The_form_page_is_japanese_by_default_and_shows_the_configured_limits()
    {
        using var client = api.ClientFrom();

        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
        response.Content.Headers.ContentLanguage.ShouldContain("ja");
        html.ShouldContain("<html lang=\"ja\">");
        html.ShouldContain("<form method=\"post\" action=\"/jobs\"");
        html.ShouldContain("7 本まで");
        html.ShouldContain("900 件");
        html.ShouldContain("<span class=\"fact-value\" id=\"fact-expiry\">36 時間</span>");
        html.ShouldContain("eSpeak NG");
        html.ShouldNotContain("VOICEVOX:");
    }

    [Fact]
    public async Task The_form_page_is_english_when_the_browser_prefers_english()
    {
        using var client = api.ClientFrom(language: "en-GB,en;q=0.9,ja;q=0.5");

        var html = await client.GetStringAsync("/");

        html.ShouldContain("<html lang=\"en\">");
        html.ShouldContain("up to 7");
        html.ShouldContain("Create video");
    }

    [Fact]
    public async Task With_voicevox_configured_the_page_credits_the_voices()
    {
        var voicevox = fx.Api(("VOICEVOX_URL", "http://127.0.0.1:50021"));
        using var client = voicevox.ClientFrom();

        var html = await client.GetStringAsync("/");

        html.ShouldContain("VOICEVOX:四国めたん");
        html.ShouldContain("VOICEVOX:ずんだもん");
    }

    [Fact]
    public async Task The_page_credits_the_character_pack_the_workers_draw()
    {
        using var client = api.ClientFrom();

        var html = await client.GetStringAsync("/");

        html.ShouldContain("<p class=\"credits\" id=\"character-credits\">立ち絵: MovieGen オリジナルキャラクター</p>");
    }

    [Fact]
    public async Task A_users_character_pack_is_credited_and_with_characters_off_none_is()
    {
        var pack = MovieGen.Testing.Repo.NewTempDirectory("pagepack");
        try
        {
            Directory.CreateDirectory(Path.Combine(pack, "zundamon"));
            await File.WriteAllTextAsync(Path.Combine(pack, "zundamon", "manifest.json"), """{"credit": "立ち絵: 坂本アヒル様 <licensed>"}""");
            using var own = fx.Api(("CHARACTER_DIR", pack)).ClientFrom();
            using var off = fx.Api(("CHARACTERS", "off")).ClientFrom();

            var credited = await own.GetStringAsync("/");
            var plain = await off.GetStringAsync("/");

            credited.ShouldContain("立ち絵: 坂本アヒル様 &lt;licensed&gt;");
            credited.ShouldNotContain("MovieGen オリジナル");
            plain.ShouldNotContain("character-credits");
        }
        finally
        {
            Directory.Delete(pack, recursive: true);
        }
    }

    [Fact]
    public async Task Submitting_the_form_creates_the_job_and_answers_303_to_its_page()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        using var response = await client.SubmitAsync("/", "/jobs", ("url", "https://news.example/form/1"));

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var location = response.Headers.Location!.ToString();
        location.ShouldMatch("^/jobs/[a-z0-9]{15}$");
        var page = await client.GetStringAsync(location);
        page.ShouldContain("順番待ち");
        page.ShouldContain("id=\"queue-position\"");
        (await fx.JobsOfAsync(peer)).ShouldBe(1);
    }

    [Fact]
    public async Task Submitting_the_form_twice_leads_to_the_same_job()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        using var first = await client.SubmitAsync("/", "/jobs", ("url", "https://news.example/form/double"));
        using var second = await client.SubmitAsync("/", "/jobs", ("url", "https://news.example/form/double"));

        second.Headers.Location.ShouldBe(first.Headers.Location);
        (await fx.JobsOfAsync(peer)).ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_url_re_renders_the_form_with_the_reason_and_the_url_kept_and_encoded()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);
        const string url = "http://127.0.0.1/?q=\"><script>alert(1)</script>";

        using var response = await client.SubmitAsync("/", "/jobs", ("url", url));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("data-reason=\"forbidden_address\"");
        html.ShouldContain("value=\"http://127.0.0.1/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
        html.ShouldNotContain("<script>alert(1)</script>");
        (await fx.JobsOfAsync(peer)).ShouldBe(0);
    }

    [Fact]
    public async Task A_form_over_the_daily_quota_answers_429_with_retry_after_and_keeps_the_url()
    {
        using var client = api.ClientFrom();
        for (var i = 0; i < 7; i++)
        {
            using var ok = await client.SubmitAsync("/", "/jobs", ("url", $"https://news.example/form/quota/{i}"));
            ok.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        }

        using var refused = await client.SubmitAsync("/", "/jobs", ("url", "https://news.example/form/quota/8"));
        var html = await refused.Content.ReadAsStringAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.RetryAfterSeconds().ShouldBeGreaterThan(0);
        html.ShouldContain("data-reason=\"daily_quota\"");
        html.ShouldContain("value=\"https://news.example/form/quota/8\"");
    }

    [Fact]
    public async Task A_form_post_without_the_anti_forgery_token_creates_nothing_and_asks_to_submit_again()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        using var response = await client.PostAsync("/jobs", new FormUrlEncodedContent([new("url", "https://news.example/csrf")]));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("data-reason=\"invalid_form\"");
        html.ShouldContain("value=\"https://news.example/csrf\"");
        (await fx.JobsOfAsync(peer)).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_job_page_is_an_html_404()
    {
        using var client = api.ClientFrom();

        using var response = await client.GetAsync("/jobs/zzzzzzzzzzzzzzz");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("ジョブが見つかりません");
    }

    [Fact]
    public async Task A_running_job_page_shows_badge_progress_step_message_and_cancel_and_works_without_javascript()
    {
        var job = await fx.NewJobAsync();
        await fx.PatchAsync(job.Id, new { status = "processing", progress = 40, current_step = "audio", progress_message = "音声を生成中 (3/12) <b>" });
        using var client = api.ClientFrom();

        var html = await client.GetStringAsync($"/jobs/{job.Id}");

        html.ShouldContain("<span id=\"status-badge\" class=\"badge badge-processing\">作成中</span>");
        html.ShouldContain("<progress id=\"progress-bar\" max=\"100\" value=\"40\"");
        html.ShouldContain("<li class=\"step current\" data-step=\"audio\">");
        html.ShouldContain("<li class=\"step done\" data-step=\"script\">");
        html.ShouldContain("音声を生成中 (3/12) &lt;b&gt;");
        html.ShouldContain($"action=\"/jobs/{job.Id}/cancel\"");
        html.ShouldContain($"<a href=\"/jobs/{job.Id}\" id=\"reload\">");
        html.ShouldContain("<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>");
        html.ShouldContain("<script src=\"/static/js/progress.js\"></script>");
        html.ShouldContain($"data-pb-url=\"{fx.PocketBase.Url}\"");
        html.ShouldNotContain("style=");
        html.ShouldNotContain("<script>");
    }

    [Fact]
    public async Task A_completed_job_page_shows_a_non_looping_player_and_a_download_button()
    {
        var job = await fx.NewJobAsync();
        await fx.PatchAsync(job.Id, new { status = "completed", progress = 100 });
        using var client = api.ClientFrom();

        var html = await client.GetStringAsync($"/jobs/{job.Id}");

        html.ShouldContain($"<video id=\"video\" controls preload=\"metadata\" playsinline src=\"/api/jobs/{job.Id}/video\"></video>");
        html.ShouldNotContain(" loop");
        html.ShouldContain($"href=\"/api/jobs/{job.Id}/video?download=1\"");
        html.ShouldContain("<form id=\"cancel-form\" method=\"post\" action=\"/jobs/" + job.Id + "/cancel\" class=\"cancel\" hidden>");
        html.ShouldNotContain("progress.js");
    }

    [Fact]
    public async Task A_failed_job_page_shows_the_reason_and_the_failed_step()
    {
        var job = await fx.NewJobAsync();
        await fx.PatchAsync(job.Id, new { status = "failed", current_step = "fetch", failed_step = "fetch", error_message = "記事の本文が短すぎます（120文字）。" });
        using var client = api.ClientFrom();

        var html = await client.GetStringAsync($"/jobs/{job.Id}");

        html.ShouldContain("<div id=\"failure\" class=\"alert alert-error\" role=\"alert\">");
        html.ShouldContain("<span id=\"failure-step-name\">記事の取得</span>");
        html.ShouldContain("記事の本文が短すぎます（120文字）。");
        html.ShouldContain("<li class=\"step failed\" data-step=\"fetch\">");
    }

    [Fact]
    public async Task The_cancel_button_without_javascript_cancels_and_returns_to_the_page()
    {
        var job = await fx.NewJobAsync();
        using var client = api.ClientFrom();

        using var response = await client.SubmitAsync($"/jobs/{job.Id}", $"/jobs/{job.Id}/cancel");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        response.Headers.Location!.ToString().ShouldBe($"/jobs/{job.Id}");
        (await fx.Store.GetAsync(job.Id, default))!.Status.ShouldBe(JobStatus.Cancelled);
        (await client.GetStringAsync($"/jobs/{job.Id}")).ShouldContain("この動画の作成はキャンセルされました。");
    }

    [Fact]
    public async Task A_job_an_operator_cancelled_says_so_on_its_page()
    {
        var job = await fx.NewJobAsync();
        await fx.Store.CancelAsync(job.Id, default, CancelledBy.Operator);
        using var client = api.ClientFrom();

        var html = await client.GetStringAsync($"/jobs/{job.Id}");

        html.ShouldContain("<p id=\"cancelled-message\">このサービスの運営者が動画の作成を取り消しました。</p>");
    }

    [Theory]
    [InlineData("/static/vendor/pocketbase.umd.js", "text/javascript")]
    [InlineData("/static/js/progress.js", "text/javascript")]
    [InlineData("/static/css/site.css", "text/css")]
    public async Task Page_assets_and_the_pocketbase_sdk_are_served_by_the_api(string path, string type)
    {
        using var client = api.ClientFrom();

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
        (await response.Content.ReadAsStringAsync()).Length.ShouldBeGreaterThan(1000);
    }
}
