using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MovieGen.Testing;

/// <summary>Article pages served on 127.0.0.1 by WireMock.Net, standing in for the blogs users
/// submit (the only outside service a job touches by default).</summary>
public sealed class ArticleSite : IDisposable
{
    private readonly WireMockServer server;

    /// <param name="host">A loopback address to serve on; another than 127.0.0.1 lets a test
    /// exempt just this site from the SSRF guard (FETCH_ALLOW_ADDRESSES) and keep refusing the rest.</param>
    public ArticleSite(string host = "127.0.0.1")
    {
        server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://{host}:0"] });
        Serve("/tiny-ja", JapaneseArticle(sections: 2, sentencesPerSection: 4));
        Serve("/small-ja", JapaneseArticle(sections: 2, sentencesPerSection: 3));
        Serve("/long-ja", JapaneseArticle(sections: 6, sentencesPerSection: 8));
        Serve("/huge-ja", JapaneseArticle(sections: 40, sentencesPerSection: 8));
        Serve("/small-en", EnglishArticle());
        Serve("/slow-small-ja", JapaneseArticle(sections: 2, sentencesPerSection: 3), SlowAnswer);
    }

    /// <summary>How long <see cref="SlowSmallJa"/> takes to answer: a job fetching it keeps its
    /// worker busy for at least this long, so a test can tell which worker takes the next job.</summary>
    public static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(6);

    public string Url(string path) => server.Urls[0] + path;

    /// <summary>A distinct URL for the same small article (the API dedupes same-URL submissions).</summary>
    public string SmallJa(int n) => Url($"/small-ja?n={n}");

    /// <summary>The small article, answered after <see cref="SlowAnswer"/>.</summary>
    public string SlowSmallJa(int n) => Url($"/slow-small-ja?n={n}");

    private void Serve(string path, string html, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "text/html; charset=utf-8")
            .WithBody(Encoding.UTF8.GetBytes(html));
        server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(delay is { } wait ? response.WithDelay(wait) : response);
    }

    private static readonly string[] JapaneseSentences =
    [
        "SQLite は小さな組み込みデータベースで、多くのアプリに使われています。",
        "一つのファイルに全てのデータを保存するので、配布がとても簡単です。",
        "書き込みの多い用途では、WAL モードを使うと読み書きが同時に進みます。",
        "トランザクションは直列化されるため、一貫性を保つのは難しくありません。",
        "バックアップはファイルをコピーするだけで済む場合があります。",
        "ただし、ネットワーク越しの共有には向いていないので注意が必要です。",
        "インデックスを正しく作れば、大きな表でも検索は速く終わります。",
        "テストでは一時ディレクトリに新しいデータベースを作ると便利です。",
    ];

    public static string JapaneseArticle(int sections, int sentencesPerSection)
    {
        var body = new StringBuilder();
        for (var s = 0; s < sections; s++)
        {
            body.Append($"<h2>第{s + 1}章 データベースの話</h2>");
            for (var i = 0; i < sentencesPerSection; i++)
            {
                body.Append("<p>").Append(JapaneseSentences[(s + i) % JapaneseSentences.Length]).Append("</p>");
            }
        }

        return $"""
            <!doctype html><html lang="ja"><head><meta charset="utf-8"><title>SQLite 入門</title>
            <meta name="description" content="小さなデータベースの使い方をやさしく説明します。"></head>
            <body><article><h1>SQLite 入門</h1>{body}</article></body></html>
            """;
    }

    public static string EnglishArticle() => """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Why queues matter</title>
        <meta name="description" content="A short note on job queues."></head>
        <body><article><h1>Why queues matter</h1>
        <h2>Work arrives in bursts</h2>
        <p>Requests rarely arrive at an even pace. A queue lets a service accept work quickly and process it at its own speed.</p>
        <p>Without one, every burst turns into timeouts for the people who happened to arrive at the wrong moment.</p>
        <h2>Workers can fail</h2>
        <p>A worker that dies in the middle of a job must not lose it. Leases make another worker pick the job up after a while.</p>
        <p>Keeping finished steps on disk means the second attempt resumes instead of starting over.</p>
        </article></body></html>
        """;

    public void Dispose() => server.Stop();
}
