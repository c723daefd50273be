using System.Text.RegularExpressions;
using MovieGen.Pipeline.Content;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Slides;
using MovieGen.Pipeline.Tests.Net;
using MovieGen.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MovieGen.Pipeline.Tests.Script;

/// <summary>
/// End to end from fetch to script on the two fixture articles (bench/MovieGen.Bench.Pipeline/
/// Fixtures), which carry the defects found when the service was first tried: a date line and a
/// byline, a parenthetical English gloss, 10月, …いる間, sentences whose first clause made a
/// fragment of a key point. Served on 127.0.0.1, fetched, extracted, written by the offline writer.
/// </summary>
public sealed partial class FixtureArticleScriptTests : IDisposable
{
    private readonly WireMockServer _site = LoopbackServer.Start();

    public void Dispose() => _site.Stop();

    private async Task<(Article Article, VideoScript Script)> FetchAndWriteAsync(string fixture)
    {
        var html = await File.ReadAllTextAsync(Repo.Path("bench", "MovieGen.Bench.Pipeline", "Fixtures", fixture));
        _site.Given(Request.Create().WithPath("/post").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/html; charset=utf-8").WithBody(html));
        var article = await ArticleFetcher.Create(new PipelineOptions { AllowPrivateUrls = true })
            .FetchAsync(new Uri($"http://127.0.0.1:{_site.Port}/post"), null, CancellationToken.None);
        // Long enough for every section of the article to be narrated.
        var script = await new OfflineScriptWriter(new MecabReader()).WriteAsync(article, new ScriptRequest(30), null, CancellationToken.None);
        return (article, script);
    }

    private static List<Narration> Lines(VideoScript script) => script.Sections.SelectMany(s => s.Narrations).ToList();

    private static List<string> SlidePoints(VideoScript script) => script.Sections.SelectMany(KeyPoints.For).ToList();

    [Fact]
    public async Task Japanese_date_line_is_neither_narrated_nor_shown()
    {
        var (article, script) = await FetchAndWriteAsync("article-ja.html");

        article.Text.ShouldNotContain("2026年10月3日");
        Lines(script).ShouldNotContain(n => n.Text.Contains("公開") && n.Text.Contains("2026"));
        SlidePoints(script).ShouldNotContain(p => p.Contains("2026年10月3日") || p.Contains("公開"));
    }

    [Fact]
    public async Task Japanese_gloss_is_shown_but_not_read_and_no_word_is_spelled_out()
    {
        var (_, script) = await FetchAndWriteAsync("article-ja.html");

        var gloss = Lines(script).First(n => n.Text.Contains("WAL（Write-Ahead Logging）"));
        gloss.Reading.ShouldContain("えすきゅうらいとのだぶりゅうえいえるもおど");
        gloss.Reading.ShouldNotContain("らいと あ");
        gloss.Reading.ShouldNotContain("ろぎんぐ");
        Lines(script).ShouldAllBe(n => !SpelledOut().IsMatch(n.Reading));
    }

    [Fact]
    public async Task Japanese_months_and_aida_are_read_as_said()
    {
        var (_, script) = await FetchAndWriteAsync("article-ja.html");

        var month = Lines(script).First(n => n.Text.Contains("10月"));
        month.Reading.ShouldContain("にせんじゅうねんじゅうがつ");
        Lines(script).ShouldAllBe(n => !n.Reading.Contains("じゅうつき"));
        Lines(script).First(n => n.Text.Contains("行われている間")).Reading.ShouldContain("おこなわれているあいだ");
    }

    [Fact]
    public async Task Japanese_lines_strand_no_fragment_and_never_cut_a_clause()
    {
        var (_, script) = await FetchAndWriteAsync("article-ja.html");

        var lines = Lines(script).Select(n => n.Text).ToList();
        // Every line ends where speech pauses: a sentence end or a clause mark (the title's colon).
        lines.ShouldAllBe(l => "。、！？」：".Contains(l[l.Length - 1]));
        lines.ShouldAllBe(l => l.Length >= 10 || "。！？".Contains(l[l.Length - 1]));
        lines.ShouldNotContain(l => l.EndsWith("なぜ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("なぜ速いのか、"));
    }

    [Fact]
    public async Task Japanese_key_points_are_whole_ideas()
    {
        var (_, script) = await FetchAndWriteAsync("article-ja.html");

        var points = SlidePoints(script);
        points.ShouldNotContain("SQLiteの初期設定では");
        points.ShouldNotContain("書き込みを始める前に");
        points.ShouldNotContain("途中で電源が落ちても");
        points.ShouldAllBe(p => !ClauseEnd().IsMatch(p) && !p.EndsWith('…'));
    }

    [Fact]
    public async Task English_byline_and_reading_time_are_neither_narrated_nor_shown()
    {
        var (article, script) = await FetchAndWriteAsync("article-en.html");

        article.Text.ShouldNotContain("By the editors");
        Lines(script).ShouldNotContain(n => n.Text.Contains("By the editors") || n.Text.Contains("September 2026") || n.Text.Contains("minute read"));
        SlidePoints(script).ShouldNotContain(p => p.Contains("By the editors") || p.Contains("minute read"));
    }

    [Fact]
    public async Task English_lines_strand_no_fragment_and_key_points_are_whole_ideas()
    {
        var (_, script) = await FetchAndWriteAsync("article-en.html");

        var lines = Lines(script).Select(n => n.Text).ToList();
        lines.ShouldAllBe(l => l.Length >= 25 || ".!?\"".Contains(l[l.Length - 1]));
        var points = SlidePoints(script);
        points.ShouldNotContain(p => EnglishFragment().IsMatch(p));
        points.ShouldNotContain("The fix that works everywhere except on the one laptop that matters");
    }

    [Fact]
    public async Task The_listener_reacts_to_the_content_of_both_articles()
    {
        foreach (var fixture in new[] { "article-ja.html", "article-en.html" })
        {
            var (_, script) = await FetchAndWriteAsync(fixture);

            var listener = Lines(script).Where(n => n.PersonaId == Personas.Zundamon.Id).Select(n => n.Text).ToList();
            listener.ShouldContain(l => l.Contains('「') || l.Contains('?'), fixture);
            listener.ShouldContain(l => l.Contains("ってこと") || l.StartsWith("So, in short", StringComparison.Ordinal)
                || l.StartsWith("Let me get this right", StringComparison.Ordinal) || l.StartsWith("Got it.", StringComparison.Ordinal), fixture);
            listener.Zip(listener.Skip(1)).ShouldAllBe(pair => pair.First != pair.Second, fixture);
        }
    }

    // Six or more letter names in a row: a word spelled out letter by letter.
    [GeneratedRegex("(?:えいち|えい|びい|しい|でぃい|いい|えふ|じぇい|じい|あい|けい|える|えむ|えぬ|おう|ぴい|きゅう|あある|えす|てぃい|ゆう|ぶい|だぶりゅう|えっくす|わい|ぜっと){6,}")]
    private static partial Regex SpelledOut();

    // A clause cut before its verb ends in a particle or a conditional.
    [GeneratedRegex("(では|には|とは|前に|ても|でも|ので|から|けど|が|を|に|は|と|で|の|、)$")]
    private static partial Regex ClauseEnd();

    [GeneratedRegex(@"^(because|even when|when|so that|and|but|which|above|no server)\b|,$", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishFragment();
}
