using MovieGen.Pipeline.Content;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Content;

public sealed class ArticleStoreTests : IDisposable
{
    private readonly string _dir = Repo.NewTempDirectory("article-store");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Article_json_round_trips_in_snake_case_with_readable_japanese()
    {
        var article = ArticleExtractor.Extract(SamplePages.JapaneseWithHeadings, new Uri("https://blog.example/sqlite"));
        var path = Path.Combine(_dir, ArticleStore.FileName);

        await ArticleStore.SaveAsync(article, path);
        var loaded = await ArticleStore.LoadAsync(path);

        var json = await File.ReadAllTextAsync(path);
        json.ShouldContain("\"image_url\":");
        json.ShouldContain("SQLiteで始めるデータベース入門");
        Directory.GetFiles(_dir).ShouldBe([path]);
        loaded.Title.ShouldBe(article.Title);
        loaded.Sections.Select(s => (s.Heading, s.ImageUrl)).ShouldBe(article.Sections.Select(s => (s.Heading, s.ImageUrl)));
        loaded.Sections.SelectMany(s => s.Paragraphs).ShouldBe(article.Sections.SelectMany(s => s.Paragraphs));
        loaded.Images.ShouldBe(article.Images);
        loaded.Text.ShouldBe(article.Text);
    }
}
