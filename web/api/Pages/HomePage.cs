using Microsoft.AspNetCore.Antiforgery;
using MovieGen.Api.Jobs;
using MovieGen.Api.Localization;
using MovieGen.Api.Pages.Markup;

namespace MovieGen.Api.Pages;

/// <summary>What the form page shows: the limits come from configuration, never from the HTML.</summary>
public sealed record HomeModel(
    string? Url,
    Refusal? Refusal,
    int PerDay,
    int MaxQueue,
    double ExpirationHours,
    TimeSpan? Estimate,
    bool Voicevox,
    IReadOnlyList<string> CharacterCredits,
    AntiforgeryTokenSet Tokens);

public static class HomePage
{
    public static Html Render(Lang lang, HomeModel m)
    {
        var error = m.Refusal is { } r
            ? Html.Of($"""
                <div id="url-error" class="alert alert-error" role="alert" data-reason="{r.Reason}">
                  <strong>{r.Title}</strong>
                  <p>{r.Detail}</p>
                </div>
                """)
            : Html.Empty;

        var estimate = m.Estimate is { } e
            ? e < TimeSpan.FromMinutes(1)
                ? lang.T("1 分以内", "under a minute")
                : lang.T($"約 {Math.Ceiling(e.TotalMinutes):0} 分", $"about {Math.Ceiling(e.TotalMinutes):0} min")
            : lang.T("数分", "a few minutes");

        var voices = m.Voicevox
            ? lang.T("VOICEVOX:四国めたん、VOICEVOX:ずんだもん", "VOICEVOX:四国めたん (Shikoku Metan), VOICEVOX:ずんだもん (Zundamon)")
            : lang.T("eSpeak NG（オープンソースの音声合成）", "eSpeak NG (open-source speech synthesis)");

        var body = Html.Of($$"""
            <section class="hero">
              <h1>{{lang.T("記事のURLから、解説動画をつくる", "Turn an article into an explainer video")}}</h1>
              <p class="lead">{{lang.T(
                  "ブログやニュース記事のURLを貼り付けるだけ。2人のキャラクターが対話しながら内容を解説する、字幕付きのスライド動画を自動で作ります。",
                  "Paste the URL of a blog post or news article. Two characters talk it through in a narrated slide video with subtitles, made for you automatically.")}}</p>
            </section>

            <section class="card">
              <form method="post" action="/jobs" class="url-form">
                <label for="url" class="field-label">{{lang.T("記事のURL", "Article URL")}}</label>
                <div class="input-row">
                  <input id="url" name="url" type="url" inputmode="url" required maxlength="2048"
                         placeholder="https://example.com/article" value="{{m.Url}}" autocomplete="url" spellcheck="false"
                         {{Html.When(m.Refusal is not null, new("aria-invalid=\"true\" aria-describedby=\"url-error\""))}}>
                  <button type="submit" class="button primary">{{lang.T("動画を作成", "Create video")}}</button>
                </div>
                <input type="hidden" name="{{m.Tokens.FormFieldName}}" value="{{m.Tokens.RequestToken}}">
                {{error}}
              </form>

              <ul class="facts">
                <li><span class="fact-label">{{lang.T("処理時間の目安", "Typical time")}}</span><span class="fact-value" id="fact-estimate">{{estimate}}</span></li>
                <li><span class="fact-label">{{lang.T("1日に作れる本数", "Videos per day")}}</span><span class="fact-value" id="fact-per-day">{{lang.T($"{m.PerDay} 本まで", $"up to {m.PerDay}")}}</span></li>
                <li><span class="fact-label">{{lang.T("順番待ちの上限", "Queue holds")}}</span><span class="fact-value" id="fact-queue">{{lang.T($"{m.MaxQueue} 件", $"{m.MaxQueue} jobs")}}</span></li>
                <li><span class="fact-label">{{lang.T("完成後の保存期間", "Kept after completion")}}</span><span class="fact-value" id="fact-expiry">{{lang.T($"{m.ExpirationHours:0.##} 時間", $"{m.ExpirationHours:0.##} h")}}</span></li>
              </ul>
            </section>

            <section class="how">
              <h2>{{lang.T("しくみ", "How it works")}}</h2>
              <ol class="how-steps">
                <li><strong>{{lang.T("記事を読み込む", "Read the article")}}</strong><span>{{lang.T("本文・見出し・画像を取り出します", "Text, headings and images are extracted")}}</span></li>
                <li><strong>{{lang.T("台本をつくる", "Write a script")}}</strong><span>{{lang.T("2人の対話形式の台本にします", "The article becomes a dialogue for two")}}</span></li>
                <li><strong>{{lang.T("音声とスライド", "Voices and slides")}}</strong><span>{{lang.T("読み上げ音声とスライドを生成します", "Narration and slides are generated")}}</span></li>
                <li><strong>{{lang.T("動画に仕上げる", "Render the video")}}</strong><span>{{lang.T("字幕付きのMP4に書き出します", "An MP4 with subtitles is written")}}</span></li>
              </ol>
              <p class="note">{{lang.T(
                  "進み具合はページ上でリアルタイムに表示されます。完成した動画はその場で再生・ダウンロードできます。",
                  "Progress is shown live on the page. Play or download the video as soon as it is ready.")}}</p>
              <p class="credits" id="credits">{{lang.T("音声", "Voices")}}: {{voices}}</p>
              {{Html.When(m.CharacterCredits.Count > 0, Html.Of($"""<p class="credits" id="character-credits">{string.Join(" / ", m.CharacterCredits)}</p>"""))}}
            </section>
            """);

        return Layout.Page(lang, lang.T("記事から解説動画を作成", "Article to explainer video"), body);
    }
}
