using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MovieGen.Api.Jobs;

public static class Problems
{
    /// <summary>The refusal as RFC 7807 problem details with a <c>reason</c> extension, and
    /// Retry-After (whole seconds) when waiting helps.</summary>
    public static ProblemHttpResult ToProblem(this Refusal refusal, HttpContext context)
    {
        SetRetryAfter(refusal, context.Response);
        var extensions = new Dictionary<string, object?> { ["reason"] = refusal.Reason };
        if (refusal.RetryAfter is { } wait)
        {
            extensions["retry_after"] = Seconds(wait);
        }

        if (refusal.JobStatus is { } status)
        {
            extensions["job_status"] = status;
        }

        return TypedResults.Problem(refusal.Detail, statusCode: refusal.Status, title: refusal.Title, extensions: extensions);
    }

    public static void SetRetryAfter(Refusal refusal, HttpResponse response)
    {
        if (refusal.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
        }
    }

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
