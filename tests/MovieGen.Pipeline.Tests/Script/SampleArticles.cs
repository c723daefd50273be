using MovieGen.Pipeline.Content;

namespace MovieGen.Pipeline.Tests.Script;

public static class SampleArticles
{
    public static Article Japanese { get; } = Build("ja", "SQLiteで始めるデータベース入門", "SQLiteの特徴とWALモードの使い方を解説します。",
        [
            new ArticleSection(null, ["今日は良い天気です。データベースは、多くのアプリで使われている大切な仕組みです。この記事では、SQLiteの特徴と使い方を順番に紹介します。"]),
            new ArticleSection("SQLiteとは",
            [
                "SQLiteは、ファイル一つで動く軽量なデータベースです。サーバーを用意する必要がなく、アプリに組み込んで使えます。",
                "スマートフォンやブラウザの中でも、広く使われています。APIもシンプルで、数行のコードでデータを保存できます。",
            ], "https://blog.example/images/sqlite.png"),
            new ArticleSection("WALモードの利点",
            [
                "WALモードを使うと、読み込みと書き込みを同時に行えます。書き込み中でも読み込みが止まらないため、アプリの応答が速くなります。",
                "設定は、PRAGMAを一行実行するだけです。2010年に追加された機能で、今では多くのアプリが標準で有効にしています。",
            ]),
            new ArticleSection("使うときの注意点",
            [
                "SQLiteで同時に書き込めるのは、一つの接続だけです。書き込みが多いサービスでは、PostgreSQLなどのサーバー型データベースが向いています。用途に合わせて選ぶことが大切です。",
            ]),
        ],
        [new ArticleImage("https://blog.example/images/sqlite.png", "SQLiteの構成図")]);

    public static Article English { get; } = Build("en", "How Solar Panels Work", "A plain-language guide to photovoltaic cells and inverters.",
        [
            new ArticleSection(null, ["Solar panels turn sunlight into electricity without any moving parts. They have become one of the cheapest ways to generate power in many countries."]),
            new ArticleSection("Photovoltaic cells",
            [
                "Each panel is made of many photovoltaic cells, usually built from silicon. When light hits a cell, it knocks electrons loose, and an electric field inside the cell pushes them into a current that can be collected by thin metal contacts on the surface of the cell.",
                "Cells are wired together in strings. The more cells in a string, the higher the voltage the panel can deliver.",
            ], "https://energy.example/cell.jpg"),
            new ArticleSection("From panel to plug",
            [
                "Panels produce direct current, but homes use alternating current. An inverter converts one into the other. It also tracks the best operating point as the light changes during the day.",
            ]),
        ],
        [new ArticleImage("https://energy.example/cover.jpg", null), new ArticleImage("https://energy.example/cell.jpg", "A silicon cell")]);

    /// <summary>Twenty sections of four paragraphs: far more than five minutes of speech.</summary>
    public static Article LongJapanese { get; } = Build("ja", "長い記事", null,
        Enumerable.Range(1, 20).Select(i => new ArticleSection($"第{i}章の話題",
            Enumerable.Range(1, 4).Select(p =>
                $"これは第{i}章の{p}番目の段落です。ここでは、長い記事を短い動画にまとめる方法を考えます。" +
                "大切なのは、話の流れを保ちながら、要点だけを残すことです。読者が最後まで楽しめるように工夫します。").ToList())).ToList(),
        []);

    public static Article LongEnglish { get; } = Build("en", "A very long article", null,
        Enumerable.Range(1, 20).Select(i => new ArticleSection($"Chapter {i}",
            Enumerable.Range(1, 4).Select(p =>
                $"This is paragraph {p} of chapter {i}. It explains how a long article becomes a short video. " +
                "The important thing is to keep the flow of the story while leaving only the main points. " +
                "Viewers should enjoy it until the very end.").ToList())).ToList(),
        []);

    private static Article Build(string language, string title, string? description, List<ArticleSection> sections, List<ArticleImage> images) =>
        new("https://blog.example/post", title, description, language, sections, images,
            string.Join("\n\n", sections.SelectMany(s => s.Paragraphs)));
}
