using MovieGen.Pipeline.Content;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Content;

/// <summary>
/// A dozen real pages of the extraction corpus (bench/MovieGen.Bench.Extraction/Corpus), read from
/// the packages scripts/setup.sh installs: each must keep its body (token-F1 against our
/// annotation, at least a little under what `make bench` measured) and its own headline, and must
/// not be refused. Japanese, English and other scripts; news, blogs, docs.
/// </summary>
public sealed class CorpusRegressionTests
{
    [Theory]
    [InlineData("ja-docs-maint-guide-start", 0.95)] // SmartReader alone keeps only the chapter's introduction (0.31)
    [InlineData("ja-docs-maint-guide-update", 0.95)] // DocBook's <a id/> wraps sections in an anchor
    [InlineData("ja-docs-maint-guide-modify", 0.97)] // SmartReader keeps one section of the chapter (0.81)
    [InlineData("ja-docs-debian-faq-choosing", 0.97)]
    [InlineData("ja-docs-debian-policy-ch-binary", 0.97)] // Sphinx's ¶ is no part of the headline
    [InlineData("ja-docs-debian-reference-ch04", 0.95)]
    [InlineData("en-news-cnn1", 0.95)]
    [InlineData("en-news-yahoo", 0.95)]
    [InlineData("en-news-aolNews", 0.95)] // the headline shown differs from <title> and og:title
    [InlineData("en-news-rdb-tmz-1", 0.94)] // a headline with its own " -- "
    [InlineData("en-blog-dcurtis", 0.97)]
    [InlineData("en-news-rdb-salon-1", 0.97)] // SmartReader alone keeps a fifth of it (0.29)
    [InlineData("fr-news-lefigaro", 0.93)]
    [InlineData("zh-news-bbc_chinese", 0.94)]
    [InlineData("ar-news-cnn_arabic", 0.90)] // its date line is furniture
    [InlineData("ko-news-donga_korean", 0.97)]
    [InlineData("ru-news-rjs-gazeta", 0.97)]
    [InlineData("bg-news-rjs-dariknews", 0.97)]
    public void Corpus_page_keeps_its_body_and_its_own_headline(string id, double minF1)
    {
        var page = ExtractionCorpus.Load(id, (bytes, charset) => HtmlCharset.Decode(bytes, charset));

        var article = ArticleExtractor.Extract(HtmlCharset.Decode(page.Bytes, page.Charset), page.Url);

        ArticleExtractor.MainTextLength(article).ShouldBeGreaterThanOrEqualTo(ArticleFetcher.MinTextLength);
        TextOverlap.Of(article.Text, page.Body).F1.ShouldBeGreaterThanOrEqualTo(minF1);
        if (page.Entry.Title is { } title)
        {
            Normalise(article.Title).ShouldBe(Normalise(title));
        }
    }

    private static string Normalise(string s) =>
        new(s.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)).ToArray());
}
