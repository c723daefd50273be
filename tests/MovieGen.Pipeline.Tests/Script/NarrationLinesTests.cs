using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Tests.Script;

public class NarrationLinesTests
{
    [Fact]
    public void Japanese_sentences_end_at_their_marks_with_closing_brackets_kept()
    {
        var sentences = NarrationLines.Sentences("今日は晴れです。「本当に？」と聞いた！明日はどうかな？ 最後の文");

        sentences.ShouldBe(["今日は晴れです。", "「本当に？」と聞いた！", "明日はどうかな？", "最後の文"]);
    }

    [Fact]
    public void English_sentences_split_at_marks_but_not_at_abbreviations_or_decimals()
    {
        var sentences = NarrationLines.Sentences("Dr. Smith paid $3.50 for it. It was cheap! Was it e.g. a gift? \"Yes.\" Then J. R. left.");

        sentences.ShouldBe(["Dr. Smith paid $3.50 for it.", "It was cheap!", "Was it e.g. a gift?", "\"Yes.\"", "Then J. R. left."]);
    }

    [Theory]
    [InlineData("書き込みが多いサービスでは、PostgreSQLなどのサーバー型データベースが向いています。")]
    [InlineData("これは句読点がまったくないとても長い文章なのでどこかで強制的に折り返さなければならないという例になっています")]
    [InlineData("東京特許許可局長今日急遽休暇許可拒否東京特許許可局長今日急遽休暇許可拒否東京特許許可局長今日急遽休暇許可拒否")]
    public void Long_japanese_sentences_become_lines_of_at_most_40_characters_without_losing_text(string sentence)
    {
        var lines = NarrationLines.Split(sentence, "ja");

        lines.Count.ShouldBeGreaterThan(1);
        lines.ShouldAllBe(l => l.Length <= NarrationLines.MaxJapanese && l.Length > 0);
        string.Concat(lines).ShouldBe(sentence);
    }

    [Fact]
    public void Japanese_lines_break_at_a_clause_mark_first()
    {
        var lines = NarrationLines.Split("書き込みが多いサービスでは、PostgreSQLなどのサーバー型データベースが向いています。", "ja");

        lines.ShouldBe(["書き込みが多いサービスでは、", "PostgreSQLなどのサーバー型データベースが向いています。"]);
    }

    [Fact]
    public void Long_english_sentences_break_at_commas_then_words_within_90_characters()
    {
        var sentence = "When light hits a cell, it knocks electrons loose, and an electric field inside the cell pushes them into a current that can be collected by thin metal contacts on the surface.";

        var lines = NarrationLines.Split(sentence, "en");

        lines.ShouldAllBe(l => l.Length <= NarrationLines.MaxLatin);
        lines[0].ShouldBe("When light hits a cell, it knocks electrons loose,");
        string.Join(" ", lines).ShouldBe(sentence);
        lines.ShouldAllBe(l => !l.StartsWith(' ') && !l.EndsWith(' '));
    }

    [Fact]
    public void Short_sentences_stay_whole()
    {
        NarrationLines.Split("短い文です。", "ja").ShouldBe(["短い文です。"]);
        NarrationLines.Split("A short one.", "en").ShouldBe(["A short one."]);
    }
}
