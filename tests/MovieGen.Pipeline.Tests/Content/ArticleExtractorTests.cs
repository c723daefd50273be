using MovieGen.Pipeline.Content;

namespace MovieGen.Pipeline.Tests.Content;

public class ArticleExtractorTests
{
    private static readonly Uri PageUrl = new("https://blog.example/posts/sqlite");

    [Fact]
    public void Japanese_article_gets_its_title_without_the_site_name_and_its_description()
    {
        var article = ArticleExtractor.Extract(SamplePages.JapaneseWithHeadings, PageUrl);

        article.Title.ShouldBe("SQLiteで始めるデータベース入門");
        article.Description.ShouldBe("SQLiteの特徴とWALモードの使い方を、初心者向けにやさしく解説します。");
        article.Language.ShouldBe("ja");
        article.Url.ShouldBe(PageUrl.AbsoluteUri);
    }

    [Fact]
    public void Headings_become_sections_with_their_paragraphs_and_list_items()
    {
        var article = ArticleExtractor.Extract(SamplePages.JapaneseWithHeadings, PageUrl);

        article.Sections.Select(s => s.Heading).ShouldBe([null, "SQLiteとは", "WALモードの利点", "使うときの注意点"]);
        article.Sections[0].Paragraphs[0].ShouldStartWith("今日は良い天気です。");
        article.Sections[2].Paragraphs.ShouldContain("読み込みが書き込みを待たない");
        article.Sections[2].Paragraphs.ShouldContain("クラッシュに強い");
    }

    [Fact]
    public void Navigation_sidebars_footers_scripts_hidden_elements_comments_and_share_widgets_are_left_out()
    {
        var article = ArticleExtractor.Extract(SamplePages.JapaneseWithHeadings, PageUrl);

        article.Text.ShouldNotContain("ホーム");
        article.Text.ShouldNotContain("サイドバー");
        article.Text.ShouldNotContain("All rights reserved");
        article.Text.ShouldNotContain("スクリプト");
        article.Text.ShouldNotContain("隠れた文章");
        article.Text.ShouldNotContain("コメントの中");
        article.Text.ShouldNotContain("シェア");
        article.Text.ShouldContain("WALモードを使うと");
    }

    [Fact]
    public void Logos_icons_and_tracking_pixels_are_skipped_and_content_images_kept_with_absolute_urls()
    {
        var article = ArticleExtractor.Extract(SamplePages.JapaneseWithHeadings, PageUrl);

        article.Images.ShouldBe([new ArticleImage("https://blog.example/images/sqlite-diagram.png", "SQLiteの構成図")]);
        article.Sections[1].ImageUrl.ShouldBe("https://blog.example/images/sqlite-diagram.png");
        article.Sections[2].ImageUrl.ShouldBeNull();
    }

    [Fact]
    public void English_article_uses_og_title_and_relative_images_resolve_against_the_page()
    {
        var article = ArticleExtractor.Extract(SamplePages.EnglishWithHeadings, new Uri("https://energy.example/guides/solar/"));

        article.Title.ShouldBe("How Solar Panels Work");
        article.Description.ShouldBe("A plain-language guide to photovoltaic cells, inverters and what affects output.");
        article.Language.ShouldBe("en");
        article.Sections.Select(s => s.Heading).ShouldBe([null, "Photovoltaic cells", "From panel to plug", "What affects output"]);
        article.Sections[1].ImageUrl.ShouldBe("https://energy.example/guides/solar/images/cell.jpg");
        article.Images.Select(i => i.Url).ShouldBe(["https://cdn.energy.example/covers/solar.jpg", "https://energy.example/guides/solar/images/cell.jpg"]);
        article.Images[1].Alt.ShouldBe("Close-up of a silicon solar cell");
        article.Text.ShouldNotContain("Great article");
        article.Text.ShouldNotContain("Subscribe");
        article.Text.ShouldNotContain("Tweet");
    }

    [Fact]
    public void Article_without_headings_is_grouped_into_untitled_sections()
    {
        var article = ArticleExtractor.Extract(SamplePages.EnglishWithoutHeadings, new Uri("https://walk.example/notes"));

        article.Sections.Count.ShouldBeGreaterThan(1);
        article.Sections.ShouldAllBe(s => s.Heading == null);
        article.Sections.SelectMany(s => s.Paragraphs).Count().ShouldBe(5);
        article.Sections[0].Paragraphs[0].ShouldStartWith("Walking is the most underrated");
    }

    [Fact]
    public void Malformed_html_is_still_extracted()
    {
        var article = ArticleExtractor.Extract(SamplePages.Malformed, new Uri("http://broken.example/page"));

        article.Title.ShouldBe("Broken but readable");
        article.Sections[0].Heading.ShouldBe("First part");
        var paragraphs = article.Sections.SelectMany(s => s.Paragraphs).ToList();
        paragraphs.Count.ShouldBe(4);
        paragraphs[1].ShouldContain("bold nested formatting that is wrongly nested");
        paragraphs[3].ShouldStartWith("One more paragraph");
    }

    [Theory]
    [InlineData("Post title here | My Blog", "My Blog", "Post title here")]
    [InlineData("A Longer Post Title - Site", null, "A Longer Post Title")]
    [InlineData("Blog | News", null, "Blog | News")]
    [InlineData("とても長い記事のタイトルです｜サイト名", null, "とても長い記事のタイトルです")]
    [InlineData("Plain title", null, "Plain title")]
    public void Site_name_suffixes_are_removed_from_titles_when_they_can_be_told_apart(string title, string? siteName, string expected)
    {
        var site = siteName is null ? "" : $"<meta property=\"og:site_name\" content=\"{siteName}\">";
        var html = $"<html><head><title>{title}</title>{site}</head><body><p>Body text.</p></body></html>";

        ArticleExtractor.Extract(html, PageUrl).Title.ShouldBe(expected);
    }

    [Fact]
    public void Spaces_from_line_breaks_inside_japanese_text_are_removed()
    {
        var html = "<html><body><article><p>日本語の文章は\n  改行されても\nつながって読めます。</p></article></body></html>";

        var article = ArticleExtractor.Extract(html, PageUrl);

        article.Sections[0].Paragraphs[0].ShouldBe("日本語の文章は改行されてもつながって読めます。");
    }

    [Fact]
    public void Utility_classes_that_merely_contain_hidden_do_not_drop_the_article()
    {
        var html = """
            <html><body><div class="overflow-hidden mx-auto"><div class="prose">
            <p>Utility-first CSS puts class names such as overflow-hidden on the wrapper of the whole article.</p>
            <p>Such a wrapper is visible, so its paragraphs are the article and must be kept.</p>
            </div></div></body></html>
            """;

        var article = ArticleExtractor.Extract(html, PageUrl);

        article.Sections.SelectMany(s => s.Paragraphs).Count().ShouldBe(2);
    }

    [Fact]
    public void Furigana_is_dropped_and_a_code_block_is_kept_as_a_listing_not_a_paragraph()
    {
        var html = """
            <html><body><article>
            <p><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>の読み方を説明します。</p>
            <pre><code>var x = 1;</code></pre>
            </article></body></html>
            """;

        var article = ArticleExtractor.Extract(html, PageUrl);

        article.Sections.SelectMany(s => s.Paragraphs).ShouldBe(["漢字の読み方を説明します。"]);
        article.Sections.SelectMany(s => s.Listings ?? []).ShouldBe(["var x = 1;"]);
        article.Text.ShouldBe("漢字の読み方を説明します。\n\nvar x = 1;");
    }

    [Fact]
    public void A_data_table_is_a_listing_with_one_line_per_row()
    {
        var html = """
            <html><body><article>
            <p>各モードの書き込み速度を比べた結果は次のとおりです。測定は同じマシンで三回ずつ行いました。</p>
            <table><tr><th>モード</th><th>速度</th></tr><tr><td>WAL</td><td>120</td></tr><tr><td>DELETE</td><td>45</td></tr></table>
            </article></body></html>
            """;

        var article = ArticleExtractor.Extract(html, PageUrl);

        article.Sections.SelectMany(s => s.Listings ?? []).ShouldBe(["モード | 速度\nWAL | 120\nDELETE | 45"]);
        article.Sections.SelectMany(s => s.Paragraphs).ShouldNotContain(p => p.Contains("DELETE"));
    }

    [Fact]
    public void An_anchor_without_href_that_wraps_paragraphs_does_not_make_them_link_text()
    {
        // DocBook's XHTML writes <a id="…"/>: an HTML parser leaves that anchor open, and it wraps
        // the section's paragraphs.
        var html = """
            <html><body><div class="chapter"><div class="section"><h2 class="title"><a id="s1"/>1. 始め方</h2>
            <p>パッケージを作る前に、まず手元の環境を整えておく必要があります。必要な道具を順に入れていきます。</p>
            <p>次に、作業用のディレクトリーを用意して、元になるソースを展開しておきます。それから設定を確かめます。</p>
            </div><div class="section"><h2 class="title"><a id="s2"/>2. 続き</h2>
            <p>ソースを展開したら、ビルドに必要なファイルをひとつずつ用意していきます。順番を守れば難しくありません。</p>
            </div></div></body></html>
            """;

        var article = ArticleExtractor.Extract(html, PageUrl);

        article.Sections.SelectMany(s => s.Paragraphs).Count().ShouldBe(3);
    }
}
