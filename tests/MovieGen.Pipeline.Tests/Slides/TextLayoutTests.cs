using MovieGen.Pipeline.Slides;
using SkiaSharp;

namespace MovieGen.Pipeline.Tests.Slides;

public sealed class TextLayoutTests : IClassFixture<FontFixture>
{
    private readonly SKTypeface face;

    public TextLayoutTests(FontFixture fonts)
    {
        face = fonts.Fonts.Regular;
    }

    [Fact]
    public void Japanese_breaks_between_any_characters_and_fills_each_line()
    {
        using var font = TextLayout.CreateFont(face, 40);
        const string text = "書き込みと読み込みを同時に行う仕組みです";
        var width = font.MeasureText("書き込みと読み") + 1;

        var lines = TextLayout.Wrap(text, font, width);

        string.Concat(lines).ShouldBe(text);
        lines.ShouldAllBe(l => font.MeasureText(l) <= width);
        lines[0].ShouldBe("書き込みと読み");
    }

    [Theory]
    [InlineData("待ち時間が発生しやすいという弱点も知られています", "待ち時間が発生しやすいという弱点も知られていま")]
    [InlineData("readers never block writers in write-ahead logging mode", "readers never block writers in write-ahead logging")]
    public void A_paragraph_does_not_end_on_a_stranded_character_or_word(string text, string allButTheLast)
    {
        using var font = TextLayout.CreateFont(face, 40);
        var width = font.MeasureText(allButTheLast) + 1; // filling the first line would strand the rest

        var lines = TextLayout.Wrap(text, font, width);

        lines.Count.ShouldBe(2, "no more lines than filling them takes");
        lines.ShouldAllBe(l => font.MeasureText(l) <= width);
        font.MeasureText(lines[1]).ShouldBeGreaterThan(width / 4, string.Join(" / ", lines));
        string.Concat(lines).Replace(" ", "", StringComparison.Ordinal).ShouldBe(text.Replace(" ", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("利用者が増えるほど応答時間のばらつきが大きくなります", "応答時間のばらつきが大きくなります", "利用者が増えるほど")]
    [InlineData("SQLiteはスマートフォンのアプリからWebブラウザ", "SQLiteはスマートフォンのアプリからWeb", "SQLiteはスマートフォンのアプリから")]
    public void Japanese_lines_break_between_phrases_when_that_takes_no_more_lines(string text, string widthOf, string firstLine)
    {
        using var font = TextLayout.CreateFont(face, 40);
        var width = font.MeasureText(widthOf) + 1;

        var lines = TextLayout.Wrap(text, font, width);

        lines.Count.ShouldBe(2);
        lines[0].ShouldBe(firstLine, "not inside a word");
        string.Concat(lines).ShouldBe(text);
    }

    [Fact]
    public void Latin_text_breaks_only_at_spaces()
    {
        using var font = TextLayout.CreateFont(face, 40);
        const string text = "readers never block writers in write-ahead logging mode";
        var width = font.MeasureText("readers never block") + 1;

        var lines = TextLayout.Wrap(text, font, width);

        string.Join(' ', lines).ShouldBe(text);
        lines.ShouldAllBe(l => font.MeasureText(l) <= width);
        lines.SelectMany(l => l.Split(' ')).ShouldBe(text.Split(' '), "no word is split");
    }

    [Fact]
    public void Closing_punctuation_never_starts_a_line_and_opening_brackets_never_end_one()
    {
        using var font = TextLayout.CreateFont(face, 40);
        var width = font.MeasureText("あいうえお") + 1;

        var lines = TextLayout.Wrap("あいうえお。かきくけ「こさしすせそ」たち", font, width);

        lines.ShouldAllBe(l => !l.StartsWith('。') && !l.StartsWith('」') && !l.EndsWith('「'));
        string.Concat(lines).ShouldBe("あいうえお。かきくけ「こさしすせそ」たち");
    }

    [Fact]
    public void A_word_longer_than_the_line_is_split_rather_than_overflowing()
    {
        using var font = TextLayout.CreateFont(face, 40);
        var width = font.MeasureText("abcdefgh");

        var lines = TextLayout.Wrap("https://example.com/a/very/long/path/without/spaces", font, width);

        lines.Count.ShouldBeGreaterThan(1);
        lines.ShouldAllBe(l => font.MeasureText(l) <= width);
    }

    [Fact]
    public void Fit_shrinks_long_text_until_it_fits_the_box()
    {
        var text = string.Concat(Enumerable.Repeat("とても長いタイトルが続きます", 4));

        var block = TextLayout.Fit(text, face, 800, 100, maxLines: 2, maxSize: 46, minSize: 16);

        block.FontSize.ShouldBeLessThan(46);
        block.Lines.Count.ShouldBeLessThanOrEqualTo(2);
        block.Width.ShouldBeLessThanOrEqualTo(800);
        block.Height.ShouldBeLessThanOrEqualTo(100);
        block.Truncated.ShouldBeFalse();
        string.Concat(block.Lines).ShouldBe(text);
    }

    [Fact]
    public void Text_that_cannot_fit_at_the_smallest_size_is_cut_with_an_ellipsis()
    {
        var text = string.Concat(Enumerable.Repeat("終わらない文章", 60));

        var block = TextLayout.Fit(text, face, 600, 80, maxLines: 2, maxSize: 40, minSize: 24);

        block.Truncated.ShouldBeTrue();
        block.FontSize.ShouldBe(24);
        block.Lines.Count.ShouldBeLessThanOrEqualTo(2);
        block.Lines[^1].ShouldEndWith("…");
        block.Width.ShouldBeLessThanOrEqualTo(600);
    }
}
