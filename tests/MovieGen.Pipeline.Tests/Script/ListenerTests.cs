using MovieGen.Pipeline.Content;
using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Tests.Script;

/// <summary>The second persona's lines: it asks about the term the next line brings in, echoes a
/// number, sums a section up in plain words, and varies what it says — the same way every time.</summary>
public class ListenerTests
{
    private static readonly string Listener = Personas.Zundamon.Id;
    private readonly OfflineScriptWriter _writer = new(new MecabReader());

    private static Article Article(string language, string heading, params string[] sentences) =>
        new("https://blog.example/post", language == "ja" ? "データベースの話" : "A talk about databases", null, language,
            [new ArticleSection(heading, [string.Join(language == "ja" ? "" : " ", sentences)])], [], string.Join(" ", sentences));

    private static readonly Article Japanese = Article("ja", "WALモードの仕組み",
        "WALモードでは、変更をまずログファイルの末尾に追記していきます。",
        "本体のファイルは、この時点ではまだ変更されていません。",
        "あとでチェックポイントと呼ばれる処理が、ログの中身を本体に書き戻します。",
        "小さな書き込みを繰り返す処理では、速さが3倍になることもあります。",
        "読み込みと書き込みが互いを待たないことが、いちばんの利点です。");

    private static readonly Article English = Article("en", "How the log works",
        "Some databases write every change to a log before they touch the main file.",
        "The main file stays as it was until the log is folded back into it.",
        "A process called checkpointing copies the pages from the log into the main file.",
        "With many small writes, this can make an application 3 times faster.",
        "Readers and writers no longer wait for each other, which is the main benefit.");

    private async Task<List<Narration>> BodyAsync(Article article) =>
        (await _writer.WriteAsync(article, new ScriptRequest(10), null, CancellationToken.None)).Sections[1].Narrations.ToList();

    [Theory]
    [InlineData("ja", "チェックポイント")]
    [InlineData("en", "checkpointing")]
    public async Task The_listener_asks_about_the_term_the_next_line_brings_in(string language, string term)
    {
        var lines = await BodyAsync(language == "ja" ? Japanese : English);

        var introducing = lines.FindIndex(n => n.PersonaId != Listener && n.Text.Contains(term, StringComparison.OrdinalIgnoreCase));
        introducing.ShouldBeGreaterThan(0);
        var question = lines[introducing - 1];
        question.PersonaId.ShouldBe(Listener);
        question.Text.ShouldContain(term, Case.Insensitive);
    }

    [Theory]
    [InlineData("ja", "3倍")]
    [InlineData("en", "3 times")]
    public async Task The_listener_echoes_a_number_just_said(string language, string number)
    {
        var lines = await BodyAsync(language == "ja" ? Japanese : English);

        var said = lines.FindIndex(n => n.PersonaId != Listener && n.Text.Contains(number, StringComparison.Ordinal));
        said.ShouldBeGreaterThanOrEqualTo(0);
        var reaction = lines.Skip(said + 1).First(n => n.PersonaId == Listener);
        reaction.Text.ShouldContain(number);
    }

    [Theory]
    [InlineData("ja", "ってこと")]
    [InlineData("en", "")]
    public async Task The_listener_sums_the_section_up_last_in_plain_words(string language, string marker)
    {
        var lines = await BodyAsync(language == "ja" ? Japanese : English);

        var last = lines[^1];
        last.PersonaId.ShouldBe(Listener);
        last.Text.ShouldContain(marker);
        // Said as the listener would say it: no polite ending glued to the listener's words.
        last.Text.ShouldNotContain("ですって");
        last.Text.ShouldNotContain("ますって");
        last.Text.ShouldNotContain("ですなのだ");
        last.Text.Length.ShouldBeLessThanOrEqualTo(NarrationLines.MaxLength(language));
    }

    [Fact]
    public async Task A_point_whose_plain_form_is_uncertain_is_not_summed_up_ungrammatically()
    {
        // 使います, 書き戻します…: godan verbs, whose plain form the listener does not guess.
        var lines = await BodyAsync(Article("ja", "使い方",
            "最初に、設定ファイルをエディタで開いて中身を確かめます。",
            "次に、書き込みの多い時間帯を避けて作業を進めます。",
            "最後に、変更した内容をもう一度見直して保存します。"));

        lines.Where(n => n.PersonaId == Listener).ShouldAllBe(n => !n.Text.Contains("ますって") && !n.Text.Contains("ますなのだ"));
    }

    [Fact]
    public async Task A_word_capitalised_only_because_it_starts_a_sentence_is_not_asked_about()
    {
        var lines = await BodyAsync(English);

        lines.Where(n => n.PersonaId == Listener).ShouldAllBe(n => !n.Text.Contains("Some?") && !n.Text.Contains("what's Some"));
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task The_listener_never_says_the_same_line_twice_in_a_row_and_varies_over_a_video(string language)
    {
        var article = language == "ja" ? SampleArticles.LongJapanese : SampleArticles.LongEnglish;
        var script = await _writer.WriteAsync(article, new ScriptRequest(60), null, CancellationToken.None);

        var listener = script.Sections.SelectMany(s => s.Narrations).Where(n => n.PersonaId == Listener).Select(n => n.Text).ToList();
        listener.Zip(listener.Skip(1)).ShouldAllBe(pair => pair.First != pair.Second);
        listener.Distinct().Count().ShouldBeGreaterThanOrEqualTo(Math.Min(12, listener.Count / 2));
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task The_listener_says_the_same_lines_for_the_same_article(string language)
    {
        var article = language == "ja" ? Japanese : English;

        var first = (await BodyAsync(article)).Where(n => n.PersonaId == Listener).Select(n => n.Text).ToList();
        var second = (await new OfflineScriptWriter(new MecabReader()).WriteAsync(article, new ScriptRequest(10), null, CancellationToken.None))
            .Sections[1].Narrations.Where(n => n.PersonaId == Listener).Select(n => n.Text).ToList();

        second.ShouldBe(first);
    }
}
