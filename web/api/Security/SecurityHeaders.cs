using Microsoft.Extensions.Options;
using MovieGen.Api.Pages;

namespace MovieGen.Api.Security;

public static class SecurityHeaders
{
    /// <summary>Headers on every response, errors included (set when the response starts, so the
    /// exception handler clearing the response does not drop them). Scripts only from this origin;
    /// connections to this origin and PocketBase (realtime); no framing; no Referer, because page
    /// URLs carry the job id, which is the capability to see the job.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Built on first use: the settings are validated when the app starts, after this runs.
        var pageOptions = app.Services.GetRequiredService<IOptions<PageOptions>>();
        var policy = new Lazy<string>(() => string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            $"connect-src 'self' {pageOptions.Value.PocketBaseOrigin()}",
            "media-src 'self'",
            "img-src 'self' data:",
            "style-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'"));

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy.Value;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
