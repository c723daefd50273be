using System.Net;
using System.Net.Sockets;
using MovieGen.Net;

namespace MovieGen.Pipeline.Content;

/// <summary>
/// Downloads an article page through a <see cref="SafeHttp"/> client and extracts it with
/// <see cref="ArticleExtractor"/>. Redirects are followed here, at most <see cref="MaxRedirects"/>,
/// each hop re-validated by <see cref="UrlPolicy"/> and <see cref="SsrfGuard"/>; the body is capped
/// at <see cref="MaxBodyBytes"/> by counting the bytes read (after decompression), not by trusting
/// Content-Length; the whole fetch is bounded by FETCH_TIMEOUT_SECONDS.
/// </summary>
/// <param name="http">A client over <see cref="SafeHttp.CreateHandler(SsrfGuard)"/> (no automatic
/// redirects, guarded connects).</param>
/// <param name="guard">Checks every hop before it is requested, for a clear refusal message; the
/// handler's connect callback checks again on the addresses it dials.</param>
public sealed class ArticleFetcher(HttpClient http, PipelineOptions options, SsrfGuard guard) : IArticleFetcher
{
    public const int MaxBodyBytes = 5 * 1024 * 1024;
    public const int MaxRedirects = 5;
    public const int MinTextLength = 200;

    /// <summary>A current browser's string, so sites serve their normal page, plus our name so
    /// site owners can tell who fetched it.</summary>
    public const string UserAgent =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 MovieGen/1.0 (article-to-video)";

    /// <summary>Uses a guard built from ALLOW_PRIVATE_URLS (the handler of <paramref name="http"/>
    /// should be made with the same setting).</summary>
    public ArticleFetcher(HttpClient http, PipelineOptions options)
        : this(http, options, options.CreateGuard())
    {
    }

    /// <summary>A fetcher with its own guarded client, honouring ALLOW_PRIVATE_URLS.</summary>
    public static ArticleFetcher Create(PipelineOptions options, SsrfGuard? guard = null)
    {
        guard ??= options.CreateGuard();
        var client = new HttpClient(SafeHttp.CreateHandler(guard)) { Timeout = Timeout.InfiniteTimeSpan };
        return new ArticleFetcher(client, options, guard);
    }

    public async Task<Article> FetchAsync(Uri url, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new StepProgress(PipelineStep.Fetch, 0, 2));
        var limit = TimeSpan.FromSeconds(options.FetchTimeoutSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            var (finalUrl, html) = await DownloadAsync(url, timeout.Token);
            progress?.Report(new StepProgress(PipelineStep.Fetch, 1, 2));

            var article = ArticleExtractor.Extract(html, finalUrl);
            var length = ArticleExtractor.MainTextLength(article);
            if (length < MinTextLength)
            {
                throw Fail(
                    $"このページには記事の本文が見つかりませんでした（本文として読める文章が {length} 文字しかありません。{MinTextLength} 文字以上必要です）。一覧やトップページではなく、記事そのもののページの URL を指定してください。",
                    $"This page has no article text to explain (only {length} characters of readable text; at least {MinTextLength} are needed). Give the URL of the article itself, not a list or home page.");
            }

            progress?.Report(new StepProgress(PipelineStep.Fetch, 2, 2));
            return article;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Fail(
                $"記事の取得が {limit.TotalSeconds:0} 秒以内に終わりませんでした。時間をおいて再試行します。",
                $"Fetching the article did not finish within {limit.TotalSeconds:0} s. It will be tried again later.", transient: true);
        }
    }

    private async Task<(Uri Url, string Html)> DownloadAsync(Uri start, CancellationToken ct)
    {
        var current = start;
        for (var redirects = 0; ; redirects++)
        {
            current = await EnsureAllowedAsync(current.AbsoluteUri, ct);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.UserAgent.ParseAdd(UserAgent);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
            request.Headers.AcceptLanguage.ParseAdd("ja,en;q=0.8");

            using var response = await SendAsync(request, current, ct);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (redirects >= MaxRedirects)
                {
                    throw Fail(
                        $"リダイレクトが多すぎます（{MaxRedirects} 回を超えました）。最終的な記事の URL を指定してください。",
                        $"Too many redirects (more than {MaxRedirects}). Give the final URL of the article.");
                }

                var location = response.Headers.Location
                    ?? throw Fail($"リダイレクト（HTTP {status}）に転送先がありません。", $"The redirect (HTTP {status}) has no target.");
                current = new Uri(current, location);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw StatusFailure(response.StatusCode);
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
            if (mediaType is not null && mediaType is not ("text/html" or "application/xhtml+xml"))
            {
                throw Fail(
                    $"この URL は HTML の記事ページではありません（Content-Type: {mediaType}）。記事ページの URL を指定してください。",
                    $"This URL is not an HTML article page (Content-Type: {mediaType}). Give the URL of an article page.");
            }

            if (response.Content.Headers.ContentLength > MaxBodyBytes)
            {
                throw TooLarge();
            }

            var body = await ReadCappedAsync(response.Content, ct);
            if (mediaType is null && !LooksLikeHtml(body))
            {
                throw Fail(
                    "この URL は HTML の記事ページではありません（Content-Type がなく、内容も HTML ではありません）。",
                    "This URL is not an HTML article page (no Content-Type, and the content is not HTML).");
            }

            return (current, HtmlCharset.Decode(body, response.Content.Headers.ContentType?.CharSet));
        }
    }

    private async Task<Uri> EnsureAllowedAsync(string url, CancellationToken ct)
    {
        var check = UrlPolicy.Validate(url);
        if (!check.IsValid)
        {
            var problem = DescribeUrlProblem(check.Problem);
            throw Fail($"URL が正しくありません（{problem.Ja}）: {Shorten(url)}", $"The URL is not valid ({problem.En}): {Shorten(url)}");
        }

        var verdict = await guard.CheckAsync(check.Url!, ct);
        return verdict.Status switch
        {
            GuardStatus.Allowed => check.Url!,
            GuardStatus.Unresolved => throw HostNotFound(check.Url!.Host),
            _ => throw Refused(check.Url!.Host, verdict),
        };
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri url, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex) when (Find<SsrfRefusedException>(ex) is { } refused)
        {
            throw Refused(url.Host, refused.Result, ex);
        }
        catch (HttpRequestException ex) when (Find<SocketException>(ex) is { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData })
        {
            throw HostNotFound(url.Host, ex);
        }
        catch (HttpRequestException ex)
        {
            throw Fail(
                $"記事のサーバー {url.Host} に接続できませんでした（{ex.HttpRequestError}）。時間をおいて再試行します。",
                $"Could not connect to the article's server {url.Host} ({ex.HttpRequestError}). It will be tried again later.", transient: true, inner: ex);
        }
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }

    private static bool LooksLikeHtml(byte[] body)
    {
        var head = System.Text.Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 1024)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n', 'ï', '»', '¿');
        return head.StartsWith('<') && (head.Contains("<html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<head", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<body", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<p", StringComparison.OrdinalIgnoreCase));
    }

    private static PipelineException StatusFailure(HttpStatusCode statusCode)
    {
        var status = (int)statusCode;
        var code = $"HTTP {status} {statusCode}";
        return status switch
        {
            404 or 410 => Fail($"記事のページが見つかりません（{code}）。URL を確認してください。",
                $"The article page was not found ({code}). Check the URL."),
            401 or 403 => Fail($"記事のページへのアクセスが拒否されました（{code}）。ログインが必要なページは使えません。",
                $"Access to the article page was refused ({code}). Pages that need a login cannot be used."),
            429 => Fail($"記事のサイトがアクセスを制限しています（{code}）。時間をおいて再試行します。",
                $"The article's site is limiting access ({code}). It will be tried again later.", transient: true),
            408 => Fail($"記事のサーバーが時間内に応答しませんでした（{code}）。時間をおいて再試行します。",
                $"The article's server did not answer in time ({code}). It will be tried again later.", transient: true),
            >= 500 => Fail($"記事のサーバーでエラーが発生しました（{code}）。時間をおいて再試行します。",
                $"The article's server had an error ({code}). It will be tried again later.", transient: true),
            _ => Fail($"記事のページを取得できませんでした（{code}）。", $"The article page could not be fetched ({code})."),
        };
    }

    private static PipelineException Refused(string host, GuardResult verdict, Exception? inner = null)
    {
        var what = verdict.RefusedCategory switch
        {
            AddressCategory.Loopback => new UserText("ループバック（このサーバー自身）", "loopback (this server itself)"),
            AddressCategory.Private => new UserText("プライベートネットワーク", "private network"),
            AddressCategory.CarrierGradeNat => new UserText("キャリアグレード NAT", "carrier-grade NAT"),
            AddressCategory.LinkLocal => new UserText("リンクローカル", "link-local"),
            AddressCategory.Metadata => new UserText("クラウドのメタデータ", "cloud metadata"),
            AddressCategory.Multicast => new UserText("マルチキャスト", "multicast"),
            AddressCategory.Unspecified => new UserText("未指定", "unspecified"),
            AddressCategory.Broadcast => new UserText("ブロードキャスト", "broadcast"),
            _ => new UserText("予約済み", "reserved"),
        };
        return Fail(
            $"安全のため、{host}（{verdict.RefusedAddress}、{what.Ja}のアドレス）からは取得できません。公開されている記事の URL を指定してください。",
            $"For safety, nothing is fetched from {host} ({verdict.RefusedAddress}, a {what.En} address). Give the URL of a public article.",
            inner: inner);
    }

    private static PipelineException HostNotFound(string host, Exception? inner = null) =>
        Fail($"ホスト名 {host} が見つかりません（DNS で解決できませんでした）。URL を確認してください。",
            $"The host name {host} was not found (DNS could not resolve it). Check the URL.", inner: inner);

    private static PipelineException TooLarge() =>
        Fail($"記事のページが大きすぎます（上限 {MaxBodyBytes / 1024 / 1024} MB）。",
            $"The article page is too large (the limit is {MaxBodyBytes / 1024 / 1024} MB).");

    private static UserText DescribeUrlProblem(UrlProblem problem) => problem switch
    {
        UrlProblem.Empty => new("URL が空です", "it is empty"),
        UrlProblem.TooLong => new($"{UrlPolicy.MaxLength} 文字を超えています", $"longer than {UrlPolicy.MaxLength} characters"),
        UrlProblem.UnsupportedScheme => new("http:// か https:// の URL だけが使えます", "only http:// and https:// URLs can be used"),
        UrlProblem.MissingHost => new("ホスト名がありません", "no host name"),
        UrlProblem.UserInfo => new("ユーザー名やパスワードを含む URL は使えません", "URLs with a user name or password cannot be used"),
        UrlProblem.InvalidHost => new("ホスト名が正しくありません", "the host name is not valid"),
        _ => new("形式が正しくありません", "malformed"),
    };

    private static string Shorten(string url) => url.Length > 200 ? url[..200] + "…" : url;

    private static T? Find<T>(Exception ex) where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static PipelineException Fail(string ja, string en, bool transient = false, Exception? inner = null) =>
        new(PipelineStep.Fetch, new UserText(ja, en), transient, inner);
}
