using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Tests.Script;

public class ReadingRulesTests
{
    private readonly MecabReader _reader = new();

    private async Task<string> ReadAsync(string line) => (await _reader.ReadAsync([line], CancellationToken.None))[0];

    [Theory]
    [InlineData("10月", "じゅうがつ")]
    [InlineData("4月", "しがつ")]
    [InlineData("9月", "くがつ")]
    [InlineData("10月3日", "じゅうがつみっか")]
    [InlineData("5月20日", "ごがつはつか")]
    [InlineData("1月1日", "いちがつついたち")]
    [InlineData("1人", "ひとり")]
    [InlineData("2人", "ふたり")]
    [InlineData("4人", "よにん")]
    [InlineData("2026年", "にせんにじゅうろくねん")]
    [InlineData("3.5", "さんてんご")]
    [InlineData("バージョン3.7.0", "ばあじょんさんてんななてんぜろ")]
    [InlineData("v10.2.1", "ぶいじゅうてんにてんいち")]
    [InlineData("100%", "ひゃくぱあせんと")]
    [InlineData("6分", "ろっぷん")]
    [InlineData("10回", "じゅっかい")]
    [InlineData("3本", "さんぼん")]
    [InlineData("20歳", "はたち")]
    [InlineData("3階", "さんがい")]
    public async Task Numbers_with_counters_are_read_as_people_say_them(string text, string expected)
    {
        (await ReadAsync(text)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("WAL（Write-Ahead Logging）モード", "だぶりゅうえいえるもおど")]
    [InlineData("腫瘍（しゅよう）マーカー", "しゅようまあかあ")]
    public async Task Parenthetical_glosses_stay_on_screen_but_are_not_read(string text, string expected)
    {
        (await ReadAsync(text)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("WALを使う", "だぶりゅうえいえる")]
    [InlineData("HTTPの話", "えいちてぃいてぃいぴい")]
    public async Task Short_all_caps_acronyms_are_read_letter_by_letter(string text, string expectedStart)
    {
        (await ReadAsync(text)).ShouldStartWith(expectedStart);
    }

    [Theory]
    [InlineData("Flexispotを導入")]
    [InlineData("Zangoという会社")]
    [InlineData("Kubernetesとは")]
    public async Task Long_words_are_never_spelled_out_letter_by_letter(string text)
    {
        var reading = await ReadAsync(text);

        reading.ShouldNotContain("えふえる");
        reading.ShouldNotContain("ぜっとえい");
        reading.Length.ShouldBeLessThan(text.Length * 3);
    }

    [Theory]
    [InlineData("書き込みが行われている間、待つ", "いるあいだ")]
    [InlineData("その間に終わる", "そのあいだ")]
    public async Task Common_mecab_misreadings_are_fixed(string text, string expected)
    {
        (await ReadAsync(text)).ShouldContain(expected);
    }

    [Fact]
    public async Task A_dictionary_file_adds_and_overrides_term_readings()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "# terms of our team\nMovieGen\tムービージェネ\nZango=ざんご\n");
        try
        {
            var reader = new MecabReader("mecab", TermDictionary.Load(path));

            var readings = await reader.ReadAsync(["MovieGenとZango"], CancellationToken.None);

            readings[0].ShouldBe("むうびいじぇねとざんご");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_malformed_dictionary_line_is_reported_with_its_line_number()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "Good\tぐっど\nno reading here\n");
        try
        {
            Should.Throw<InvalidDataException>(() => TermDictionary.Load(path)).Message.ShouldContain(":2:");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
