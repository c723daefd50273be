using System.IO.Compression;
using System.Net;
using System.Text;
using MovieGen.Net;
using MovieGen.Pipeline.Content;
using MovieGen.Pipeline.Tests.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MovieGen.Pipeline.Tests.Content;

public sealed class ArticleFetcherTests : IDisposable
{
    private const string Html = "text/html; charset=utf-8";

    static ArticleFetcherTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private readonly WireMockServer _site = LoopbackServer.Start();
    private readonly PipelineOptions _options = new() { AllowPrivateUrls = true };

    public void Dispose() => _site.Stop();

    private Uri Url(string path) => new($"http://127.0.0.1:{_site.Port}{path}");

    private void Serve(string path, string body, string contentType = Html, int status = 200) =>
        _site.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));

    private void Redirect(string path, string location, int status = 302) =>
        _site.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Location", location));

    private Task<Article> FetchAsync(Uri url, SsrfGuard? guard = null) =>
        ArticleFetcher.Create(_options, guard).FetchAsync(url, null, CancellationToken.None);

    [Fact]
    public async Task Japanese_article_with_headings_is_fetched_and_extracted()
    {
        Serve("/ja", SamplePages.JapaneseWithHeadings);

        var article = await FetchAsync(Url("/ja"));

        article.Title.ShouldBe("SQLiteで始めるデータベース入門");
        article.Language.ShouldBe("ja");
        article.Sections.Select(s => s.Heading).ShouldBe([null, "SQLiteとは", "WALモードの利点", "使うときの注意点"]);
        article.Sections[1].ImageUrl.ShouldBe(Url("/images/sqlite-diagram.png").AbsoluteUri);
        article.Images.ShouldHaveSingleItem().Url.ShouldBe(Url("/images/sqlite-diagram.png").AbsoluteUri);
    }

    [Fact]
    public async Task English_article_with_headings_is_fetched_and_extracted()
    {
        Serve("/en/solar", SamplePages.EnglishWithHeadings);

        var article = await FetchAsync(Url("/en/solar"));

        article.Title.ShouldBe("How Solar Panels Work");
        article.Language.ShouldBe("en");
        article.Sections.Count.ShouldBe(4);
        article.Sections[1].ImageUrl.ShouldBe(Url("/en/images/cell.jpg").AbsoluteUri);
    }

    [Fact]
    public async Task Article_without_headings_is_fetched_as_paragraph_groups()
    {
        Serve("/walk", SamplePages.EnglishWithoutHeadings);

        var article = await FetchAsync(Url("/walk"));

        article.Sections.Count.ShouldBeGreaterThan(1);
        article.Sections.ShouldAllBe(s => s.Heading == null);
    }

    [Fact]
    public async Task Malformed_html_is_fetched_and_extracted()
    {
        Serve("/broken", SamplePages.Malformed);

        var article = await FetchAsync(Url("/broken"));

        article.Sections[0].Heading.ShouldBe("First part");
        article.Text.ShouldContain("The second part continues after some stray closing tags.");
    }

    [Theory]
    [InlineData("shift_jis", "text/html; charset=Shift_JIS", null)]
    [InlineData("shift_jis", "text/html", "Shift_JIS")]
    [InlineData("shift_jis", "text/html", null)]
    [InlineData("euc-jp", "text/html; charset=EUC-JP", null)]
    [InlineData("euc-jp", "text/html", "EUC-JP")]
    [InlineData("euc-jp", "text/html", null)]
    public async Task Legacy_japanese_encodings_are_decoded_from_header_meta_or_content(string encoding, string contentType, string? meta)
    {
        var bytes = Encoding.GetEncoding(encoding).GetBytes(SamplePages.JapaneseArticle(meta));
        _site.Given(Request.Create().WithPath("/legacy").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", contentType).WithBody(bytes));

        var article = await FetchAsync(Url("/legacy"));

        article.Title.ShouldBe("日本語の記事");
        article.Text.ShouldContain("シフトJISやEUC-JPで書かれたもの");
        article.Language.ShouldBe("ja");
    }

    [Fact]
    public async Task A_pdf_is_refused_as_not_html()
    {
        _site.Given(Request.Create().WithPath("/paper.pdf").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/pdf").WithBody(Encoding.ASCII.GetBytes("%PDF-1.7 ...")));

        var ex = await Should.ThrowAsync<PipelineException>(() => FetchAsync(Url("/paper.pdf")));

        ex.Step.ShouldBe(PipelineStep.Fetch);
        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("application/pdf");
        ex.Message.ShouldContain("HTML");
    }

    [Fact]
    public async Task A_page_larger_than_5_mb_is_refused()
    {
        var huge = "<html><body><p>" + new string('a', ArticleFetcher.MaxBodyBytes + 1000) + "</p></body></html>";
        Serve("/huge", huge);

        var ex = await Should.ThrowAsync<PipelineException>(() => FetchAsync(Url("/huge")));

        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("5 MB");
    }

    [Fact]
    public async Task A_compressed_page_that_inflates_beyond_5_mb_is_refused_by_counting_bytes()
    {
        // Content-Length is the small compressed size; only counting what is read catches it.
        var inflated = Encoding.UTF8.GetBytes("<html><body><p>" + new string('a', 6 * 1024 * 1024) + "</p></body></html>");
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(inflated);
        }

        compressed.Length.ShouldBeLessThan(ArticleFetcher.MaxBodyBytes);
        _site.Given(Request.Create().WithPath("/bomb").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", Html).WithHeader("Content-Encoding", "gzip").WithBody(compressed.ToArray()));

        var ex = await Should.ThrowAsync<PipelineException>(() => FetchAsync(Url("/bomb")));

        ex.Message.ShouldContain("5 MB");
    }

    [Fact]
    public async Task Five_redirects_are_followed_with_relative_locations_resolved()
    {
        Redirect("/r1", $"http://127.0.0.1:{_site.Port}/r2", 301);
        Redirect("/r2", "/r3", 302);
        Redirect("/r3", "r4", 303);
        Redirect("/r4", "/r5", 307);
        Redirect("/r5", "/final", 308);
        Serve("/final", SamplePages.EnglishWithHeadings);

        var article = await FetchAsync(Url("/r1"));

        article.Url.ShouldBe(Url("/final").AbsoluteUri);
        article.Title.ShouldBe("How Solar Panels Work");
    }

    [Fact]
    public async Task A_sixth_redirect_is_refused()
    {
        for (var i = 1; i <= 6; i++)
        {
            Redirect($"/s{i}", $"/s{i + 1}");
        }

        Serve("/s7", SamplePages.EnglishWithHeadings);

        var ex = await Should.ThrowAsync<PipelineException>(() => FetchAsync(Url("/s1")));

        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("リダイレクト");
        _site.LogEntries.ShouldNotContain(e => e.RequestMessage.Path == "/s7");
    }

    [Fact]
    public async Task A_redirect_to_127_0_0_1_is_refused_when_private_addresses_are_not_allowed()
    {
        // The article site runs on 127.0.0.2, exempted explicitly; 127.0.0.1 stays refused and has
        // a real server with a valid article on it, so only the guard can stop the fetch.
        using var articleSite = LoopbackServer.Start("127.0.0.2");
        articleSite.Given(Request.Create().WithPath("/to-internal").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", $"http://127.0.0.1:{_site.Port}/admin"));
        Serve("/admin", SamplePages.EnglishWithHeadings);
        var guard = new SsrfGuard(allowPrivate: false, exemptAddresses: [IPAddress.Parse("127.0.0.2")]);

        var ex = await Should.ThrowAsync<PipelineException>(() =>
            FetchAsync(new Uri($"http://127.0.0.2:{articleSite.Port}/to-internal"), guard));

        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("127.0.0.1");
        ex.Message.ShouldContain("ループバック");
        articleSite.LogEntries.ShouldHaveSingleItem();
        _site.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_redirect_to_the_cloud_metadata_address_is_refused_even_when_private_addresses_are_allowed()
    {
        Redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");

        var ex = await Should.ThrowAsync<PipelineException>(() => FetchAsync(Url("/to-metadata")));

        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("169.254.169.254");
        ex.Message.ShouldContain("メタデータ");
    }

    [Fact]
    public async Task The_first_url_is_checked_by_the_guard_too()
    {
        Serve("/ja", SamplePages.JapaneseWithHeadings);

        var ex = await Should.ThrowAsync<PipelineException>(() => FetchAsync(Url("/ja"), new SsrfGuard(allowPrivate: false)));

        ex.Message.ShouldContain("127.0.0.1");
        _site.LogEntries.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(404, false)]
    [InlineData(410, false)]
    [InlineData(403, false)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public async Task Http_errors_fail_with_the_status_and_the_right_transience(int status, bool transient)
    {
        Serve("/status", "<html><body>error page</body></html>", status: status);

        var ex = await Should.ThrowAsync<PipelineException>(() => FetchAsync(Url("/status")));

        ex.Step.ShouldBe(PipelineStep.Fetch);
        ex.IsTransient.ShouldBe(transient);
        ex.Message.ShouldContain($"HTTP {status}");
    }

    [Fact]
    public async Task A_page_with_no_article_fails_saying_so_in_both_languages()
    {
        Serve("/short", SamplePages.TooShort);

        var ex = await Should.ThrowAsync<PipelineException>(() => FetchAsync(Url("/short")));

        ex.IsTransient.ShouldBeFalse();
        ex.UserMessage.Ja.ShouldContain("記事の本文が見つかりませんでした");
        ex.UserMessage.En.ShouldContain("no article text");
        ex.UserMessage.En.ShouldContain("200");
    }

    [Fact]
    public async Task A_site_that_does_not_answer_in_time_fails_as_transient()
    {
        _site.Given(Request.Create().WithPath("/slow").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", Html).WithBody(SamplePages.EnglishWithHeadings).WithDelay(TimeSpan.FromSeconds(3)));
        _options.FetchTimeoutSeconds = 1;

        var ex = await Should.ThrowAsync<PipelineException>(() => FetchAsync(Url("/slow")));

        ex.IsTransient.ShouldBeTrue();
        ex.Message.ShouldContain("1 秒");
    }

    [Fact]
    public async Task A_refused_connection_fails_as_transient()
    {
        var closedPort = MovieGen.Testing.FreePort.Next();

        var ex = await Should.ThrowAsync<PipelineException>(() => FetchAsync(new Uri($"http://127.0.0.1:{closedPort}/")));

        ex.IsTransient.ShouldBeTrue();
        ex.Message.ShouldContain("接続できません");
    }

    [Fact]
    public async Task The_request_names_moviegen_in_a_browser_like_user_agent_and_reports_progress()
    {
        Serve("/ja", SamplePages.JapaneseWithHeadings);
        var reports = new List<StepProgress>();

        await ArticleFetcher.Create(_options).FetchAsync(Url("/ja"), new SyncProgress(reports.Add), CancellationToken.None);

        var userAgent = _site.LogEntries.Single().RequestMessage.Headers!["User-Agent"].ToString();
        userAgent.ShouldStartWith("Mozilla/5.0");
        userAgent.ShouldContain("MovieGen");
        reports.ShouldBe([new(PipelineStep.Fetch, 0, 2), new(PipelineStep.Fetch, 1, 2), new(PipelineStep.Fetch, 2, 2)]);
    }

    private sealed class SyncProgress(Action<StepProgress> report) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => report(value);
    }
}
