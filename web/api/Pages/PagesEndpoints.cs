using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MovieGen.Api.Jobs;
using MovieGen.Api.Localization;
using MovieGen.Jobs;

namespace MovieGen.Api.Pages;

/// <summary>The HTML pages: the form, its POST, the progress page and its no-JavaScript cancel.</summary>
public static class PagesEndpoints
{
    public const string AntiforgeryField = "_token";

    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PageOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "moviegen-af";
            options.FormFieldName = AntiforgeryField;
            options.SuppressXFrameOptionsHeader = true; // the security headers set it for every response
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProcessingTimeEstimate>();
        builder.Services.AddSingleton<CharacterCredits>();
        builder.Services.AddSingleton<HomeModels>();
        return builder;
    }

    public static RouteGroupBuilder MapPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.ContentLanguage = context.HttpContext.Lang().Code();
            headers.Vary = HeaderNames.AcceptLanguage;
            return await next(context);
        });

        pages.MapGet("/", HomeAsync);
        pages.MapPost("/jobs", SubmitAsync);
        pages.MapGet("/jobs/{id}", JobAsync);
        pages.MapPost("/jobs/{id}/cancel", CancelAsync);
        return pages;
    }

    private static async Task<ContentHttpResult> HomeAsync(HttpContext context, HomeModels models, CancellationToken ct) =>
        Layout.Respond(HomePage.Render(context.Lang(), await models.CreateAsync(context, url: null, refusal: null, ct)));

    private static async Task<Results<SeeOther, ContentHttpResult>> SubmitAsync(
        HttpContext context, JobSubmissions submissions, HomeModels models, IAntiforgery antiforgery, CancellationToken ct)
    {
        var lang = context.Lang();
        var (url, formRefusal) = await ReadFormAsync(context, antiforgery, lang, ct);
        var refusal = formRefusal;
        if (refusal is null)
        {
            switch (await submissions.SubmitAsync(url, context.Connection.RemoteIpAddress, lang, ct))
            {
                case Submission.Accepted accepted:
                    return new SeeOther(JobViews.PagePath(accepted.Job.Id));
                case Submission.Refused refused:
                    refusal = refused.Refusal;
                    break;
            }
        }

        Problems.SetRetryAfter(refusal!, context.Response);
        var page = HomePage.Render(lang, await models.CreateAsync(context, url, refusal, ct));
        return Layout.Respond(page, refusal!.Status);
    }

    private static async Task<ContentHttpResult> JobAsync(
        string id, HttpContext context, JobStore store, IAntiforgery antiforgery, IOptions<PageOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var lang = context.Lang();
        var job = await store.GetAsync(id, ct);
        if (job is null)
        {
            return Layout.Respond(MessagePage.NotFound(lang), StatusCodes.Status404NotFound);
        }

        int? position = job.Status == JobStatus.Pending ? await store.QueuePositionAsync(job, ct) : null;
        var model = new JobPageModel(job, position, options.Value.PocketBasePublicUrl, clock.GetUtcNow(), antiforgery.GetAndStoreTokens(context));
        return Layout.Respond(JobPage.Render(lang, model));
    }

    /// <summary>The cancel button without JavaScript (the script calls the JSON API instead).</summary>
    private static async Task<Results<SeeOther, ContentHttpResult>> CancelAsync(
        string id, HttpContext context, JobStore store, IAntiforgery antiforgery, CancellationToken ct)
    {
        var (_, refusal) = await ReadFormAsync(context, antiforgery, context.Lang(), ct);
        if (refusal is null && await store.CancelAsync(id, ct) is CancelResult.NotFound)
        {
            return Layout.Respond(MessagePage.NotFound(context.Lang()), StatusCodes.Status404NotFound);
        }

        return new SeeOther(JobViews.PagePath(id));
    }

    /// <summary>The submitted URL (kept for re-rendering whatever happens), or why the form is not
    /// acceptable: not a form, too large, or a missing/expired anti-forgery token.</summary>
    private static async Task<(string? Url, Refusal? Refusal)> ReadFormAsync(
        HttpContext context, IAntiforgery antiforgery, Lang lang, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } max)
        {
            max.MaxRequestBodySize = Refusal.MaxBodyBytes;
        }

        if (!context.Request.HasFormContentType)
        {
            return (null, Refusal.FormInvalid(lang));
        }

        if (context.Request.ContentLength > Refusal.MaxBodyBytes)
        {
            return (null, Refusal.BodyTooLarge(lang));
        }

        string? url;
        try
        {
            var form = await context.Request.ReadFormAsync(ct);
            url = form["url"].ToString();
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
        {
            return (null, Refusal.BodyTooLarge(lang));
        }

        return await antiforgery.IsRequestValidAsync(context) ? (url, null) : (url, Refusal.FormInvalid(lang));
    }
}
