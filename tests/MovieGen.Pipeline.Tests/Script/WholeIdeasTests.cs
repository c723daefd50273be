using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Slides;

namespace MovieGen.Pipeline.Tests.Script;

public class WholeIdeasTests
{
    [Theory]
    [InlineData("SQLiteの初期設定では、ロールバックジャーナルと呼ばれる方式で変更を管理しています。", "ja", "ロールバックジャーナルと呼ばれる方式で変更を管理しています")]
    [InlineData("書き込みを始める前に、元のページの内容を別のジャーナルファイルに退避します。", "ja", "元のページの内容を別のジャーナルファイルに退避します")]
    [InlineData("WALモードを有効にするのはとても簡単です。", "ja", "WALモードを有効にするのはとても簡単です")]
    [InlineData("Caching is the cheapest performance improvement most web applications will ever get.", "en", null)]
    [InlineData("When neither is given, shared caches apply conservative defaults to every response.", "en", "Shared caches apply conservative defaults to every response")]
    [InlineData("Every stored response is either fresh or stale.", "en", "Every stored response is either fresh or stale")]
    public void Key_points_are_whole_ideas_never_a_clause_cut_before_its_verb(string sentence, string language, string? expected)
    {
        KeyPoints.Whole(sentence, language).ShouldBe(expected);
    }

    [Theory]
    [InlineData("SQLiteのWAL（Write-Ahead Logging）モードがなぜ速いのか、チェックポイントの動き、導入時の注意点までを順を追って解説します。", "ja")]
    [InlineData("途中で電源が落ちても、ジャーナルに残した元の内容を書き戻せば、データベースを一貫した状態に戻せます。", "ja")]
    [InlineData("When a response carries no explicit lifetime at all, caches are allowed to guess, and a common heuristic takes a tenth of the time since the Last-Modified date.", "en")]
    public void Lines_break_at_clause_marks_and_never_strand_a_fragment(string sentence, string language)
    {
        var lines = NarrationLines.Split(sentence, language);

        lines.Count.ShouldBeGreaterThan(1);
        lines.ShouldAllBe(l => l.Length >= (language == "ja" ? 10 : 25));
        lines.ShouldAllBe(l => l.Length <= NarrationLines.MaxLength(language) * 1.2);
        string.Concat(lines.Select(l => l.Trim())).Replace(" ", "").ShouldBe(sentence.Replace(" ", ""));
        lines.ShouldNotContain(l => l.EndsWith("なぜ") || l.EndsWith("なぜ、"));
    }
}
