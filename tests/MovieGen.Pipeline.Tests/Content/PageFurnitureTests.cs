using MovieGen.Pipeline.Content;

namespace MovieGen.Pipeline.Tests.Content;

public class PageFurnitureTests
{
    [Theory]
    [InlineData("2026年10月3日 公開")]
    [InlineData("公開日: 2024年5月12日 ・ 読了時間: 約8分")]
    [InlineData("2021/10/13 11:23 更新")]
    [InlineData("By the editors, September 2026")]
    [InlineData("Published March 3, 2024 · 10 minute read")]
    [InlineData("Updated 2 hours ago")]
    [InlineData("5 min read")]
    [InlineData("Tags: caching, http")]
    [InlineData("Share this article")]
    [InlineData("関連記事")]
    [InlineData("Photo: Getty Images")]
    [InlineData("写真：共同")]
    [InlineData("(AP Photo/Jane Doe)")]
    [InlineData("文＝山田太郎")]
    [InlineData("الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)")] // CNN Arabic's date line
    public void Page_furniture_is_recognised_in_both_languages(string line)
    {
        PageFurniture.IsFurniture(line).ShouldBeTrue();
    }

    [Theory]
    [InlineData("2010年に追加された機能で、今では多くのアプリが標準で有効にしています。")]
    [InlineData("SQLiteは2000年に公開されたデータベースです。")]
    [InlineData("Share prices fell sharply on Monday after the report was published.")]
    [InlineData("The figures were confirmed by Reuters on Tuesday after a long investigation.")]
    [InlineData("By 2030, most new cars sold in Europe will be electric, the study says.")]
    [InlineData("PRAGMAを一行実行するだけです。")]
    [InlineData("2026年10月3日に100人が参加しました。")]
    [InlineData("أكدت جهات سورية معارضة أن فصائل مسلحة تمكنت من السيطرة على مستودعات للأسلحة في 2013.")]
    public void Sentences_that_mention_dates_or_such_words_are_kept(string line)
    {
        PageFurniture.IsFurniture(line).ShouldBeFalse();
    }

    [Fact]
    public void The_byline_the_reader_found_is_not_kept_as_a_paragraph()
    {
        PageFurniture.IsFurniture("Jane Doe, Staff Writer", "Jane Doe").ShouldBeTrue();
    }
}
