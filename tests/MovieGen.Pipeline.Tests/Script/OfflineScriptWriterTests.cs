using MovieGen.Pipeline.Content;
using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Tests.Script;

public class OfflineScriptWriterTests
{
    private readonly OfflineScriptWriter _writer = new(new MecabReader());

    private Task<VideoScript> WriteAsync(Article article, double minutes = 5) =>
        _writer.WriteAsync(article, new ScriptRequest(minutes), null, CancellationToken.None);

    [Fact]
    public async Task The_same_article_always_gives_the_same_yaml()
    {
        var first = ScriptYaml.Serialize(await WriteAsync(SampleArticles.Japanese));
        var second = ScriptYaml.Serialize(await new OfflineScriptWriter(new MecabReader()).WriteAsync(
            SampleArticles.Japanese, new ScriptRequest(5), null, CancellationToken.None));

        second.ShouldBe(first);
    }

    [Fact]
    public async Task A_hook_comes_first_then_one_section_per_article_section_then_a_summary()
    {
        var script = await WriteAsync(SampleArticles.Japanese);

        script.Title.ShouldBe("SQLiteで始めるデータベース入門");
        script.Description.ShouldBe("SQLiteの特徴とWALモードの使い方を解説します。");
        script.Sections.Select(s => s.Title).ShouldBe(
            ["SQLiteで始めるデータベース入門", "はじめに", "SQLiteとは", "WALモードの利点", "使うときの注意点", "まとめ"]);
        script.Sections[0].Narrations.ShouldContain(n => n.Text.Contains("SQLiteで始めるデータベース入門"));
        script.Sections[0].Narrations.ShouldContain(n => n.Text.Contains("SQLiteの特徴とWALモードの使い方"));
        script.Sections[^1].Narrations.ShouldContain(n => n.Text.Contains("WALモードの利点"));
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task The_agenda_and_the_summary_recall_the_sections_by_their_headings_not_the_introductions_first_sentence(string language)
    {
        var script = await WriteAsync(language == "ja" ? SampleArticles.Japanese : SampleArticles.English);
        var headings = script.Sections.Skip(1).SkipLast(1).Select(s => s.Title)
            .Where(t => t is not ("はじめに" or "Introduction")).Take(5).ToList();

        headings.Count.ShouldBeGreaterThanOrEqualTo(2);
        script.Sections[0].KeyPoints.ShouldBe(headings);
        script.Sections[^1].KeyPoints.ShouldBe(headings);
        var recap = script.Sections[^1].Narrations.Select(n => n.Text).ToList();
        foreach (var heading in headings)
        {
            recap.ShouldContain(line => line.Contains(heading, StringComparison.Ordinal), heading);
        }
    }

    [Fact]
    public async Task The_listener_opens_every_section_and_both_personas_speak_in_each()
    {
        var script = await WriteAsync(SampleArticles.Japanese);

        foreach (var section in script.Sections)
        {
            section.Narrations[0].PersonaId.ShouldBe("zundamon", section.Title);
            section.Narrations.ShouldContain(n => n.PersonaId == "metan", section.Title);
        }

        script.RoleAssignments.Select(r => (r.PersonaId, r.Role)).ShouldBe([("metan", "explainer"), ("zundamon", "listener")]);
    }

    [Fact]
    public async Task The_listener_reacts_within_long_explanations()
    {
        var script = await WriteAsync(SampleArticles.LongJapanese, minutes: 60);

        var longest = script.Sections.Skip(1).SkipLast(1)
            .Max(s => s.Narrations.Aggregate((Run: 0, Max: 0), (acc, n) =>
                n.PersonaId == "metan" ? (acc.Run + 1, Math.Max(acc.Max, acc.Run + 1)) : (0, acc.Max)).Max);
        longest.ShouldBeLessThanOrEqualTo(6);
        script.Sections[1].Narrations.Skip(1).ShouldContain(n => n.PersonaId == "zundamon");
    }

    [Fact]
    public async Task Japanese_lines_are_at_most_40_characters()
    {
        var script = await WriteAsync(SampleArticles.LongJapanese, minutes: 60);

        script.Sections.SelectMany(s => s.Narrations).ShouldAllBe(n => n.Text.Length <= 40 && n.Text.Length > 0);
    }

    [Fact]
    public async Task English_lines_are_at_most_90_characters_in_english_with_empty_readings()
    {
        var script = await WriteAsync(SampleArticles.English);

        var lines = script.Sections.SelectMany(s => s.Narrations).ToList();
        lines.ShouldAllBe(n => n.Text.Length <= 90 && n.Text.Length > 0);
        lines.ShouldAllBe(n => n.Reading == "");
        lines.ShouldContain(n => n.Text.Contains("How Solar Panels Work"));
        script.Sections[^1].Title.ShouldBe("Summary");
        lines.ShouldNotContain(n => n.Text.Any(c => c >= '\u3040' && c <= '\u9FFF'));
    }

    [Fact]
    public async Task Every_japanese_reading_is_kana_only()
    {
        var script = await WriteAsync(SampleArticles.Japanese);

        foreach (var narration in script.Sections.SelectMany(s => s.Narrations))
        {
            narration.Reading.ShouldNotBeEmpty(narration.Text);
            narration.Reading.ShouldAllBe(c => (c >= '\u3041' && c <= '\u3096') || "、。！？".Contains(c), narration.Text);
        }
    }

    [Fact]
    public async Task The_particle_ha_is_read_wa()
    {
        var script = await WriteAsync(SampleArticles.Japanese);

        var line = script.Sections.SelectMany(s => s.Narrations).First(n => n.Text.Contains("今日は良い天気です"));
        line.Reading.ShouldContain("きょうわよいてんきです");
    }

    [Fact]
    public async Task Latin_words_in_japanese_lines_are_read_in_kana()
    {
        var script = await WriteAsync(SampleArticles.Japanese);
        var lines = script.Sections.SelectMany(s => s.Narrations).ToList();

        lines.First(n => n.Text.Contains("SQLiteは、ファイル一つ")).Reading.ShouldStartWith("えすきゅうらいとわ");
        lines.First(n => n.Text.Contains("APIもシンプル")).Reading.ShouldContain("えいぴいあいも");
    }

    [Fact]
    public async Task Sections_carry_three_to_five_whole_key_points_and_their_image()
    {
        var script = await WriteAsync(SampleArticles.Japanese);

        var sqlite = script.Sections.Single(s => s.Title == "SQLiteとは");
        sqlite.KeyPoints.Count.ShouldBeInRange(3, 5);
        sqlite.KeyPoints.ShouldAllBe(k => k.Length <= MovieGen.Pipeline.Slides.KeyPoints.MaxJapanese && k.Length > 0 && !k.EndsWith('…'));
        sqlite.SourceImageUrl.ShouldBe("https://blog.example/images/sqlite.png");
        script.Sections[0].SourceImageUrl.ShouldBe("https://blog.example/images/sqlite.png");
    }

    [Theory]
    [InlineData("ja", 1)]
    [InlineData("ja", 2.5)]
    [InlineData("en", 1)]
    [InlineData("en", 2.5)]
    public async Task A_long_article_is_cut_to_the_requested_duration_keeping_hook_and_summary(string language, double minutes)
    {
        var article = language == "ja" ? SampleArticles.LongJapanese : SampleArticles.LongEnglish;

        var script = await WriteAsync(article, minutes);

        DurationEstimate.Of(script, language).ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(minutes));
        script.Sections.Count.ShouldBeInRange(3, 21);
        script.Sections[0].Title.ShouldBe(article.Title);
        script.Sections[^1].Title.ShouldBe(language == "ja" ? "まとめ" : "Summary");
        script.Sections[1].Title.ShouldBe(language == "ja" ? "第1章の話題" : "Chapter 1");
    }

    [Fact]
    public async Task A_longer_allowance_keeps_more_of_the_article()
    {
        var short_ = await WriteAsync(SampleArticles.LongJapanese, 1);
        var long_ = await WriteAsync(SampleArticles.LongJapanese, 5);

        long_.Sections.Count.ShouldBeGreaterThan(short_.Sections.Count);
        DurationEstimate.Of(long_, "ja").ShouldBeGreaterThan(TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task The_written_script_passes_validation()
    {
        ScriptValidator.Validate(await WriteAsync(SampleArticles.Japanese)).ShouldBeEmpty();
        ScriptValidator.Validate(await WriteAsync(SampleArticles.English)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Progress_ends_complete()
    {
        var reports = new List<StepProgress>();

        await _writer.WriteAsync(SampleArticles.English, new ScriptRequest(), new SyncProgress(reports.Add), CancellationToken.None);

        reports[^1].ShouldBe(new StepProgress(PipelineStep.Script, 3, 3));
    }

    [Fact]
    public void Without_an_api_key_the_offline_writer_is_chosen()
    {
        ScriptWriters.Create(new PipelineOptions()).ShouldBeOfType<OfflineScriptWriter>();
        ScriptWriters.Create(new PipelineOptions { OpenRouterApiKey = "sk-test" }).ShouldBeOfType<LlmScriptWriter>();
    }

    private sealed class SyncProgress(Action<StepProgress> report) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => report(value);
    }
}
