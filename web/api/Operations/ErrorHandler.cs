using Microsoft.AspNetCore.Diagnostics;
using MovieGen.Api.Jobs;
using MovieGen.Api.Localization;
using MovieGen.Api.Pages;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Operations;

/// <summary>Turns an unhandled exception into a 503 when PocketBase is unreachable (the caller can
/// retry), a 404 when a stored video is missing from PocketBase's storage, or a 500 otherwise:
/// problem details on the JSON API, an HTML page elsewhere.</summary>
public sealed partial class ErrorHandler(ILogger<ErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var lang = context.Lang();
        if (exception is StoredFileMissingException)
        {
            // The record names a video its storage does not have (removed by hand, or stored before
            // the storage settings changed): the same answer as a record without one.
            LogStoredFileMissing(logger, context.Request.Path, exception.Message);
            await Refusal.VideoMissing(lang).ToProblem(context).ExecuteAsync(context);
            return true;
        }

        var unavailable = exception is PocketBaseUnavailableException;
        if (unavailable)
        {
            LogUnavailable(logger, context.Request.Path, exception.Message);
        }
        else
        {
            LogFailed(logger, exception, context.Request.Path);
        }

        if (context.Request.Path.StartsWithSegments("/api"))
        {
            var refusal = unavailable
                ? Refusal.Unavailable(lang)
                : new Refusal(StatusCodes.Status500InternalServerError, "internal_error",
                    lang.T("サーバーエラー", "Server error"),
                    lang.T("予期しないエラーが起きました。少し待ってからもう一度お試しください。", "An unexpected error occurred. Please try again in a moment."));
            context.Response.StatusCode = refusal.Status;
            await refusal.ToProblem(context).ExecuteAsync(context);
            return true;
        }

        if (unavailable)
        {
            context.Response.Headers.RetryAfter = "10";
        }

        await (unavailable ? MessagePage.Unavailable(lang) : MessagePage.Error(lang)).ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(LogLevel.Warning, "A stored file is missing while serving {Path}: {Reason}")]
    private static partial void LogStoredFileMissing(ILogger logger, string path, string reason);

    [LoggerMessage(LogLevel.Warning, "PocketBase is unreachable while serving {Path}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string path, string reason);

    [LoggerMessage(LogLevel.Error, "Unhandled error while serving {Path}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string path);
}
