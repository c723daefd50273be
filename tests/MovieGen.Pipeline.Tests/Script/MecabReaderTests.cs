using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Tests.Script;

public class MecabReaderTests
{
    private readonly MecabReader _reader = new();

    private async Task<string> ReadAsync(string line) => (await _reader.ReadAsync([line], CancellationToken.None)).Single();

    [Theory]
    [InlineData("今日は良い天気です。", "きょうわよいてんきです。")]
    [InlineData("東京へ行く", "とうきょうえいく")]
    [InlineData("本を読む", "ほんおよむ")]
    [InlineData("データベース", "でえたべえす")]
    [InlineData("先生", "せんせい")]
    public async Task Readings_are_hiragana_as_spoken_with_long_vowels_spelled_out(string text, string expected)
    {
        (await ReadAsync(text)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("SQLiteを使う", "えすきゅうらいとおつかう")]
    [InlineData("APIを呼ぶ", "えいぴいあいおよぶ")]
    [InlineData("WALモード", "だぶりゅうえいえるもおど")]
    [InlineData("GitHub Copilotは便利", "ぎっとはぶこぱいろっとわべんり")]
    [InlineData("ＳＱＬｉｔｅとｗｅｂ", "えすきゅうらいととうぇぶ")]
    public async Task Latin_words_are_read_from_the_dictionary_or_letter_by_letter(string text, string expected)
    {
        (await ReadAsync(text)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("西暦2024", "せいれきにせんにじゅうよん")]
    [InlineData("1,400人", "せんよんひゃくにん")]
    [InlineData("634メートル", "ろっぴゃくさんじゅうよんめえとる")]
    [InlineData("3.14", "さんてんいちよん")]
    [InlineData("50%", "ごじゅうぱあせんと")]
    [InlineData("8000円", "はっせんえん")]
    [InlineData("1億2000万", "いちおくにせんまん")]
    public async Task Numbers_are_read_as_japanese_numbers(string text, string expected)
    {
        (await ReadAsync(text)).ShouldBe(expected);
    }

    [Fact]
    public async Task Punctuation_is_kept_as_pauses_and_brackets_dropped()
    {
        (await ReadAsync("「はい」、そうです！本当？")).ShouldBe("はい、そうです！ほんとう？");
    }

    [Fact]
    public async Task Many_lines_are_read_in_one_call_in_order()
    {
        string[] lines = ["猫です。", "", "Python と Rust", "犬"];

        var readings = await _reader.ReadAsync(lines, CancellationToken.None);

        readings.ShouldBe(["ねこです。", "", "ぱいそんとらすと", "いぬ"]);
    }

    [Fact]
    public async Task A_missing_mecab_fails_with_a_clear_script_error()
    {
        var reader = new MecabReader("/nonexistent/mecab");

        var ex = await Should.ThrowAsync<PipelineException>(() => reader.ReadAsync(["テスト"], CancellationToken.None));

        ex.Step.ShouldBe(PipelineStep.Script);
        ex.Message.ShouldContain("MeCab");
    }
}
