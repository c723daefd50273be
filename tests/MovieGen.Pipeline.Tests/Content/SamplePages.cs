namespace MovieGen.Pipeline.Tests.Content;

/// <summary>Article pages as sites serve them: main text among navigation, share buttons,
/// sidebars, scripts, logos and tracking pixels.</summary>
public static class SamplePages
{
    public const string JapaneseWithHeadings = """
        <!DOCTYPE html>
        <html lang="ja">
        <head>
          <meta charset="utf-8">
          <title>SQLiteで始めるデータベース入門 | テックブログ</title>
          <meta name="description" content="SQLiteの特徴とWALモードの使い方を、初心者向けにやさしく解説します。">
          <meta property="og:site_name" content="テックブログ">
          <script>window.dataLayer = []; var ignored = "スクリプトの中身は本文ではありません";</script>
          <style>.hidden { display: none }</style>
        </head>
        <body>
          <header class="site-header">
            <img src="/static/logo.png" alt="テックブログ ロゴ">
            <nav><a href="/">ホーム</a> <a href="/about">このブログについて</a></nav>
          </header>
          <main>
            <article class="post">
              <h1>SQLiteで始めるデータベース入門</h1>
              <p>今日は良い天気です。データベースは、多くのアプリで使われている大切な仕組みです。この記事では、SQLiteの特徴と使い方を順番に紹介します。</p>
              <h2>SQLiteとは</h2>
              <img src="/static/icon-info.png" width="16" height="16" alt="">
              <p>SQLiteは、ファイル一つで動く軽量なデータベースです。サーバーを用意する必要がなく、アプリに組み込んで使えます。スマートフォンやブラウザの中でも、広く使われています。</p>
              <figure><img src="/images/sqlite-diagram.png" alt="SQLiteの構成図" width="800" height="450"></figure>
              <h2>WALモードの利点</h2>
              <p>WALモードを使うと、読み込みと書き込みを同時に行えます。書き込み中でも読み込みが止まらないため、アプリの応答が速くなります。設定は、PRAGMAを一行実行するだけです。</p>
              <ul>
                <li>読み込みが書き込みを待たない</li>
                <li>クラッシュに強い</li>
              </ul>
              <h2>使うときの注意点</h2>
              <p>SQLiteで同時に書き込めるのは、一つの接続だけです。書き込みが多いサービスでは、PostgreSQLなどのサーバー型データベースが向いています。用途に合わせて選ぶことが大切です。</p>
              <div class="share-buttons"><a href="https://x.com/share">Xでシェア</a> <a href="https://facebook.com/share">シェアする</a></div>
              <img src="https://tracker.example/pixel.gif" width="1" height="1" alt="">
            </article>
          </main>
          <aside class="sidebar"><h2>人気の記事</h2><p>サイドバーの文章は本文ではありません。広告やランキングが並びます。</p></aside>
          <footer><p>© 2024 テックブログ. All rights reserved.</p></footer>
          <div style="display:none"><p>隠れた文章は読まれてはいけません。これは非表示の要素です。</p></div>
          <!-- コメントの中の文章も本文ではありません -->
        </body>
        </html>
        """;

    public const string EnglishWithHeadings = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <title>How Solar Panels Work - Energy Weekly</title>
          <meta property="og:title" content="How Solar Panels Work">
          <meta property="og:description" content="A plain-language guide to photovoltaic cells, inverters and what affects output.">
          <meta property="og:image" content="https://cdn.energy.example/covers/solar.jpg">
        </head>
        <body>
          <nav class="menu"><a href="/">Home</a><a href="/news">News</a><a href="/subscribe">Subscribe</a></nav>
          <div id="content" class="entry-content">
            <h1>How Solar Panels Work</h1>
            <p>Solar panels turn sunlight into electricity without any moving parts. They have become one of the cheapest ways to generate power in many countries.</p>
            <h2>Photovoltaic cells</h2>
            <p>Each panel is made of many photovoltaic cells, usually built from silicon. When light hits a cell, it knocks electrons loose, and an electric field inside the cell pushes them into a current.</p>
            <p><img src="images/cell.jpg" alt="Close-up of a silicon solar cell" width="640"></p>
            <h2>From panel to plug</h2>
            <p>Panels produce direct current, but homes use alternating current. An inverter converts one into the other, and it also tracks the best operating point as the light changes during the day.</p>
            <h2>What affects output</h2>
            <p>Output depends on the angle of the panel, the temperature and shade. Hot panels are slightly less efficient, and even a small shadow on one cell can reduce the output of a whole string.</p>
            <div class="social-share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
          </div>
          <div class="comments"><h3>Comments</h3><p>Great article, thanks for writing this! I learned a lot about inverters today.</p></div>
          <footer>Energy Weekly, 2024</footer>
        </body>
        </html>
        """;

    public const string EnglishWithoutHeadings = """
        <html><head><title>Notes on walking</title></head><body>
        <div class="post-body">
        <p>Walking is the most underrated form of exercise. It needs no equipment, no membership and no special clothes, and almost everyone can do it every day.</p>
        <p>Studies have found that a brisk thirty-minute walk most days lowers the risk of heart disease. It also improves sleep, mood and concentration for many people.</p>
        <p>Walking is also a good time to think. Many writers and scientists have said that their best ideas came to them while they were out for a long walk.</p>
        <p>To make it a habit, attach it to something you already do. Walk after lunch, take the stairs, or get off the bus one stop early on the way home.</p>
        <p>Over a year, these small walks add up to hundreds of kilometres. That is a lot of exercise for something that barely feels like effort at all.</p>
        </div>
        </body></html>
        """;

    // Unclosed tags, stray end tags, an unterminated attribute quote and no <body>.
    public const string Malformed = """
        <html><head><title>Broken but readable</title>
        <div class="article">
        <h2>First part
        <p>This page has unclosed paragraphs and headings, but a browser still shows it. The extractor must read it the same way.
        <p>Here is another paragraph without a closing tag. It talks about <b>bold <i>nested</b> formatting</i> that is wrongly nested.
        </span></span></div></div>
        <h2>Second part</h2>
        <p>The second part continues after some stray closing tags. It should still become its own section with this text in it.
        <p>One more paragraph makes sure that there is enough text to pass the minimum length check of the fetcher.
        <img src="/pics/photo.jpg" alt="A photo of the broken page
        """;

    public const string TooShort = """
        <html><head><title>Short</title></head><body><article><h1>Short</h1><p>Just one short sentence here.</p></article></body></html>
        """;

    /// <summary>A Japanese page without headings, for a given encoding's meta declaration.</summary>
    public static string JapaneseArticle(string? metaCharset) => $$"""
        <html><head>{{(metaCharset is null ? "" : $"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={metaCharset}\">")}}
        <title>日本語の記事</title></head><body><div class="entry">
        <p>日本語のページには、今でもシフトJISやEUC-JPで書かれたものがあります。文字コードを正しく判定しないと、文字化けしてしまいます。</p>
        <p>ブラウザは、HTTPヘッダー、メタタグ、そして中身の統計から文字コードを決めます。このプログラムも同じ順番で判定します。</p>
        <p>古い個人サイトや官公庁のページでは、特に注意が必要です。正しく読めれば、そこから解説動画を作ることができます。</p>
        <p>判定に失敗したときは、よく使われる文字コードを順番に試すのではなく、統計的な推定を使います。</p>
        </div></body></html>
        """;
}
