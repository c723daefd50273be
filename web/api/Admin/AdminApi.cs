using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using MovieGen.Api.Jobs;
using MovieGen.Api.Localization;
using MovieGen.Jobs;

namespace MovieGen.Api.Admin;

/// <summary>The dashboard's JSON: figures, live state, the event stream, and the two actions.</summary>
public static class AdminApi
{
    private const int MaxHours = 24 * 30;

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin")
            .WithTags("Admin")
            .RequireAuthorization(AdminAuth.Policy)
            .AddEndpointFilter(AdminEndpoints.NoStore)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/job-stats", StatsAsync)
            .WithName("GetJobStats")
            .WithSummary("Figures for the jobs created in the last `hours` (default 24): counts by status, success rate, " +
                "processing time (mean, p95), queue wait, failures by step and mean time per step.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/job-progress", ProgressAsync)
            .WithName("GetJobProgress")
            .WithSummary("Running jobs by stage, the queue oldest first, and a page of history newest first " +
                "(`status` filters it; `page`, `per_page` ≤ 100).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/events", (JobEventHub hub, IHostApplicationLifetime lifetime) =>
                new AdminEventStream(hub, AdminEventStream.DefaultHeartbeat, lifetime.ApplicationStopping))
            .WithName("GetAdminEvents")
            .WithSummary("Server-sent events: `ready`/`reconnected` (read the state now), `down`, and `job` with each change.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

        var actions = api.MapGroup("/jobs/{id}").AddEndpointFilter(RequireAntiforgeryForCookies);
        actions.MapPost("/cancel", CancelAsync)
            .WithName("AdminCancelJob")
            .WithSummary("Cancel a pending or running job (202). 409 when it already finished.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        actions.MapPost("/retry", RetryAsync)
            .WithName("AdminRetryJob")
            .WithSummary("Put a failed or cancelled job back in the queue with its attempts reset. 409 for any other status.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<JobStatsView>, ProblemHttpResult>> StatsAsync(
        string? hours, HttpContext context, JobBoard board, CancellationToken ct)
    {
        var window = JobStats.DefaultWindow;
        if (!string.IsNullOrEmpty(hours))
        {
            if (!int.TryParse(hours, NumberStyles.None, CultureInfo.InvariantCulture, out var h) || h is < 1 or > MaxHours)
            {
                var lang = context.Lang();
                return AdminRefusals.InvalidQuery(lang, $"hours は 1 から {MaxHours} までの整数で指定してください。",
                    $"hours must be a whole number from 1 to {MaxHours}.").ToProblem(context);
            }

            window = TimeSpan.FromHours(h);
        }

        return TypedResults.Ok(await board.StatsAsync(window, ct));
    }

    private static async Task<Results<Ok<JobProgressView>, ProblemHttpResult>> ProgressAsync(
        string? status, string? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")] string? perPage,
        HttpContext context, JobBoard board, CancellationToken ct)
    {
        var lang = context.Lang();
        var filter = ParseStatus(status, lang, out var refusal);
        var pageNumber = ParseInt(page, 1, 1, 100_000);
        var size = ParseInt(perPage, HistoryQuery.DefaultPerPage, 1, HistoryQuery.MaxPerPage);
        if (refusal is null && (pageNumber is null || size is null))
        {
            refusal = AdminRefusals.InvalidQuery(lang, $"page は 1 以上、per_page は 1 から {HistoryQuery.MaxPerPage} までの整数で指定してください。",
                $"page must be a whole number from 1, per_page from 1 to {HistoryQuery.MaxPerPage}.");
        }

        if (refusal is not null)
        {
            return refusal.ToProblem(context);
        }

        return TypedResults.Ok(await board.ProgressAsync(new HistoryQuery(filter, pageNumber!.Value, size!.Value), ct));
    }

    private static async Task<Results<Accepted<AdminJobView>, ProblemHttpResult>> CancelAsync(
        string id, HttpContext context, JobStore store, TimeProvider clock, CancellationToken ct)
    {
        var lang = context.Lang();
        return await store.CancelAsync(id, ct, CancelledBy.Operator) switch
        {
            CancelResult.Cancelled cancelled => TypedResults.Accepted(JobViews.PagePath(id), AdminJobView.From(cancelled.Job, clock.GetUtcNow())),
            CancelResult.AlreadyFinished finished => Refusal.AlreadyFinished(finished.Job.Status.ToWireName(), lang).ToProblem(context),
            _ => Refusal.NotFound(lang).ToProblem(context),
        };
    }

    private static async Task<Results<Ok<AdminJobView>, ProblemHttpResult>> RetryAsync(
        string id, HttpContext context, JobStore store, TimeProvider clock, CancellationToken ct)
    {
        var lang = context.Lang();
        if (await store.RetryAsync(id, ct) is { } retried)
        {
            return TypedResults.Ok(AdminJobView.From(retried, clock.GetUtcNow()));
        }

        // The store does not say why; the record does.
        return await store.GetAsync(id, ct) is { } job
            ? AdminRefusals.NotRetryable(job.Status.ToWireName(), lang).ToProblem(context)
            : Refusal.NotFound(lang).ToProblem(context);
    }

    /// <summary>A cookie is sent by the browser whoever made the page that posts, so a
    /// cookie-authenticated action must also carry the dashboard's anti-forgery token (SameSite=Strict
    /// already stops other sites; this is the second lock). A bearer token is never sent by itself.</summary>
    private static async ValueTask<object?> RequireAntiforgeryForCookies(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!AdminAuth.HasBearer(http.Request)
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return AdminRefusals.Antiforgery(http.Lang()).ToProblem(http);
        }

        return await next(context);
    }

    internal static JobStatus? ParseStatus(string? status, Lang lang, out Refusal? refusal)
    {
        refusal = null;
        if (string.IsNullOrEmpty(status) || status == "all")
        {
            return null;
        }

        if (JobStatuses.FromWireName(status) is { } value)
        {
            return value;
        }

        var names = JobStatuses.All.Select(s => s.ToWireName()).ToList();
        refusal = AdminRefusals.InvalidQuery(lang,
            $"status は {string.Join("、", names)} のどれかで指定してください。",
            $"status must be one of {string.Join(", ", names)}.");
        return null;
    }

    private static int? ParseInt(string? text, int fallback, int min, int max) =>
        string.IsNullOrEmpty(text) ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : null;
}
