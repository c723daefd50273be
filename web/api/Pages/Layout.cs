using Microsoft.AspNetCore.Http.HttpResults;
using MovieGen.Api.Localization;
using MovieGen.Api.Pages.Markup;

namespace MovieGen.Api.Pages;

/// <summary>The frame every page shares: head, header, footer. Styles and scripts are files under
/// /static (the CSP allows no inline script or style).</summary>
public static class Layout
{
    public static Html Page(Lang lang, string title, Html body, Html head = default, Html scripts = default) => Html.Of($$"""
        <!doctype html>
        <html lang="{{lang.Code()}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light">
        <title>{{title}} · MovieGen</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/static/css/site.css">
        {{head}}
        </head>
        <body>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>MovieGen</a>
            <span class="tagline">{{lang.T("記事を解説動画に", "Articles into explainer videos")}}</span>
          </div>
        </header>
        <main class="wrap">
        {{body}}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{{lang.T("MovieGen は記事の内容を2人のキャラクターの対話で解説する動画を自動で作ります。",
                "MovieGen turns an article into a video in which two characters talk it through.")}}
            <a href="/openapi/v1.json">{{lang.T("JSON API（OpenAPI）", "JSON API (OpenAPI)")}}</a></p>
          </div>
        </footer>
        {{scripts}}
        </body>
        </html>
        """);

    public static ContentHttpResult Respond(Html page, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(page.Value, "text/html; charset=utf-8", statusCode: status);
}
