using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace MovieGen.Pipeline.Slides;

/// <summary>Downloads a section's article image for its slide. An image is decoration: any
/// failure (bad URL, refused address, timeout, too large, not decodable) is logged and the
/// slide is drawn without it. The HttpClient must use the SSRF-guarded handler, which checks
/// every connection and follows no redirects itself; redirects are followed here.</summary>
public sealed class SlideImageLoader(HttpClient http, ILogger<SlideImageLoader> logger)
{
    public const long MaxBytes = 8 * 1024 * 1024;
    private const long MaxPixels = 40_000_000;
    private const int MaxRedirects = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<SKImage?> LoadAsync(string? url, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await GetFollowingRedirectsAsync(uri, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Slide image {Url} answered {Status}; drawing the slide without it", uri, (int)response.StatusCode);
                return null;
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                logger.LogWarning("Slide image {Url} is larger than {Max} bytes; skipped", uri, MaxBytes);
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    logger.LogWarning("Slide image {Url} is larger than {Max} bytes; skipped", uri, MaxBytes);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            using var data = SKData.CreateCopy(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            using var codec = SKCodec.Create(data);
            if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
            {
                logger.LogWarning("Slide image {Url} is not a decodable image of sensible size; skipped", uri);
                return null;
            }

            var image = SKImage.FromEncodedData(data);
            if (image is null)
            {
                logger.LogWarning("Slide image {Url} could not be decoded; skipped", uri);
            }

            return image;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Slide image {Url} did not arrive within {Timeout} s; skipped", uri, Timeout.TotalSeconds);
            return null;
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Slide image {Url} could not be downloaded; skipped", uri);
            return null;
        }
    }

    private async Task<HttpResponseMessage> GetFollowingRedirectsAsync(Uri uri, CancellationToken ct)
    {
        for (var hop = 0; ; hop++)
        {
            var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is < 300 or > 399 || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (hop >= MaxRedirects || (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps))
            {
                throw new HttpRequestException($"Too many or unusable redirects from {uri}.");
            }

            uri = next;
        }
    }
}
