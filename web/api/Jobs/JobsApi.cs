using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using MovieGen.Api.Localization;
using MovieGen.Api.Operations;
using MovieGen.Jobs;
using MovieGen.Net;

namespace MovieGen.Api.Jobs;

/// <summary>The JSON API for curl and scripts: create a job, read it, cancel it, fetch its video.</summary>
public static partial class JobsApi
{
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddJobStore();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddOpenApi();
        builder.Services.AddOptions<SubmissionOptions>().BindConfiguration("").ValidateDataAnnotations()
            .Validate(o => SsrfGuard.ValidateAddressList(o.FetchAllowAddresses) is null,
                "FETCH_ALLOW_ADDRESSES must list IP addresses separated by commas.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var submission = sp.GetRequiredService<IOptions<SubmissionOptions>>().Value;
            return SsrfGuard.FromSettings(submission.AllowPrivateUrls, submission.FetchAllowAddresses);
        });
        builder.Services.AddSingleton<BurstLimiter>();
        builder.Services.AddSingleton<JobSubmissions>();
        builder.Services.AddSingleton<JobViews>();
        return builder;
    }

    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").WithTags("Jobs");

        api.MapPost("", CreateAsync)
            .WithName("CreateJob")
            .WithSummary("Create a job that turns an article URL into a narrated video.")
            .WithDescription("201 with the new job; 200 with the existing job when the same client already has this URL queued or running. " +
                "Refusals are problem details with a machine-readable `reason`: 400 (invalid URL, address not public), 413, 415, " +
                "429 (`burst_limit`, `daily_quota`; with Retry-After) and 503 (`queue_full`; with Retry-After).")
            // The body is read by the handler (so a bad one is a problem a person can act on), which
            // leaves describing it to us; .Accepts<T>() would make routing answer 415 with no body.
            .AddOpenApiOperationTransformer(async (operation, context, ct) => operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(CreateJobRequest), null, ct) },
                },
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{id}", GetAsync)
            .WithName("GetJob")
            .WithSummary("The public view of a job: status, progress, queue position while pending, video links once completed.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id}/cancel", CancelAsync)
            .WithName("CancelJob")
            .WithSummary("Cancel a pending or running job. Idempotent; 409 when it already completed or failed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapMethods("/{id}/video", [HttpMethods.Get, HttpMethods.Head], VideoAsync)
            .WithName("GetJobVideo")
            .WithSummary("The MP4 of a completed job, with single-range requests, ETag and Last-Modified. `?download=1` makes it an attachment.")
            .Produces(StatusCodes.Status200OK, contentType: "video/mp4")
            .Produces(StatusCodes.Status206PartialContent, contentType: "video/mp4")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<Results<Created<JobView>, Ok<JobView>, ProblemHttpResult>> CreateAsync(
        HttpContext context, JobSubmissions submissions, JobViews views, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var lang = context.Lang();
        var (body, error) = await ReadBodyAsync(context.Request, json.Value.SerializerOptions, lang, ct);
        if (error is not null)
        {
            ApiMetrics.JobsRefused.WithLabels(error.Reason).Inc();
            return error.ToProblem(context);
        }

        switch (await submissions.SubmitAsync(body!.Url, context.Connection.RemoteIpAddress, lang, ct))
        {
            case Submission.Accepted { Existing: false } accepted:
                var view = await views.ForAsync(accepted.Job, context.Request, ct);
                return TypedResults.Created(view.StatusUrl, view);
            case Submission.Accepted existing:
                return TypedResults.Ok(await views.ForAsync(existing.Job, context.Request, ct));
            case Submission.Refused refused:
                return refused.Refusal.ToProblem(context);
            default:
                throw new InvalidOperationException("Unexpected submission outcome.");
        }
    }

    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, JobStore store, JobViews views, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "no-store";
        var job = await store.GetAsync(id, ct);
        return job is null
            ? Refusal.NotFound(context.Lang()).ToProblem(context)
            : TypedResults.Ok(await views.ForAsync(job, context.Request, ct));
    }

    private static async Task<Results<Accepted<JobView>, ProblemHttpResult>> CancelAsync(
        string id, HttpContext context, JobStore store, JobViews views, CancellationToken ct)
    {
        var lang = context.Lang();
        switch (await store.CancelAsync(id, ct))
        {
            case CancelResult.Cancelled cancelled:
                var view = await views.ForAsync(cancelled.Job, context.Request, ct);
                return TypedResults.Accepted(view.StatusUrl, view);
            case CancelResult.AlreadyFinished finished:
                return Refusal.AlreadyFinished(finished.Job.Status.ToWireName(), lang).ToProblem(context);
            default:
                return Refusal.NotFound(lang).ToProblem(context);
        }
    }

    /// <summary>Streams the video stored on the record from PocketBase (its disk or S3); ASP.NET's
    /// file result does ranges, preconditions and HEAD over a seekable view of it. The ETag names the
    /// stored file (PocketBase gives each upload a new name), so a re-rendered video never matches
    /// an old one.</summary>
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> VideoAsync(
        string id, string? download, HttpContext context, JobStore store, ILoggerFactory loggers, CancellationToken ct)
    {
        var lang = context.Lang();
        var job = await store.GetAsync(id, ct);
        if (job is null)
        {
            return Refusal.NotFound(lang).ToProblem(context);
        }

        if (job.Status != JobStatus.Completed)
        {
            return Refusal.VideoNotReady(lang).ToProblem(context);
        }

        if (job.Video.Length == 0 || job.VideoSize <= 0)
        {
            LogVideoNotServed(loggers.CreateLogger(typeof(JobsApi)), job.Id);
            return Refusal.VideoMissing(lang).ToProblem(context);
        }

        if (download is "1" or "true")
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"movie_{job.Id}.mp4\"";
        }

        IgnoreOtherRangeUnits(context.Request);
        var etag = new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(job.Video)}-{job.VideoSize:x}\"");
        var video = new StoredVideoStream(store, job, StoredVideoStream.ExpectedWindow(context.Request, job.VideoSize));
        return TypedResults.Stream(video, "video/mp4", lastModified: job.CompletedAt ?? job.Updated, entityTag: etag, enableRangeProcessing: true);
    }

    /// <summary>RFC 9110 §14.2: a range unit the server does not understand is ignored, so
    /// <c>Range: items=0-5</c> gets the whole video (ASP.NET's range processing would read it as bytes).</summary>
    private static void IgnoreOtherRangeUnits(HttpRequest request)
    {
        var range = request.Headers.Range.ToString();
        if (range.Length > 0 && !range.TrimStart().StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Remove(HeaderNames.Range);
        }
    }

    /// <summary>Reads <c>{"url": …}</c> itself, so a malformed, oversized or non-JSON body is a
    /// problem a person can act on rather than a bare 400 or a 500.</summary>
    private static async Task<(CreateJobRequest? Body, Refusal? Error)> ReadBodyAsync(
        HttpRequest request, JsonSerializerOptions json, Lang lang, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } max)
        {
            max.MaxRequestBodySize = Refusal.MaxBodyBytes;
        }

        if (!request.HasJsonContentType())
        {
            return (null, Refusal.NotJson(lang));
        }

        if (request.ContentLength > Refusal.MaxBodyBytes)
        {
            return (null, Refusal.BodyTooLarge(lang));
        }

        var buffer = new byte[Refusal.MaxBodyBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Refusal.BodyTooLarge(lang));
        }

        if (length > Refusal.MaxBodyBytes)
        {
            return (null, Refusal.BodyTooLarge(lang));
        }

        try
        {
            var body = JsonSerializer.Deserialize<CreateJobRequest>(buffer.AsSpan(0, length), json);
            return body is null ? (null, Refusal.InvalidBody(lang)) : (body, null);
        }
        catch (JsonException)
        {
            return (null, Refusal.InvalidBody(lang));
        }
    }

    [LoggerMessage(LogLevel.Warning, "Job {JobId} is completed but has no stored video to serve")]
    private static partial void LogVideoNotServed(ILogger logger, string jobId);
}
