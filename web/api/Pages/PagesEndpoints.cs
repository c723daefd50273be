using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
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
        builder.Services.AddRazorComponents();
        // Japanese text stays readable in the page source (the default encoder writes every
        // character outside ASCII as &#x…;); the pages are UTF-8.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
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

    private static async Task<RazorComponentResult> HomeAsync(HttpContext context, HomeModels models, CancellationToken ct) =>
        PageResults.Render<HomePage, HomeModel>(context.Lang(), await models.CreateAsync(context, url: null, refusal: null, ct));

    private static async Task<Results<SeeOther, RazorComponentResult>> SubmitAsync(
        HttpContext context, JobSubmissions submissions, HomeModels models, CancellationToken ct)
    {
        var lang = context.Lang();
        var form = await context.ReadPageFormAsync(ct);
        var url = form.Fields["url"].ToString();
        var refusal = form.ToRefusal(lang);
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
        return PageResults.Render<HomePage, HomeModel>(lang, await models.CreateAsync(context, url, refusal, ct), refusal!.Status);
    }

    private static async Task<RazorComponentResult> JobAsync(
        string id, HttpContext context, JobStore store, IAntiforgery antiforgery, IOptions<PageOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var lang = context.Lang();
        var job = await store.GetAsync(id, ct);
        if (job is null)
        {
            return MessagePage.NotFound(lang);
        }

        int? position = job.Status == JobStatus.Pending ? await store.QueuePositionAsync(job, ct) : null;
        var model = new JobPageModel(job, position, options.Value.PocketBasePublicUrl, clock.GetUtcNow(), antiforgery.GetAndStoreTokens(context));
        return PageResults.Render<JobPage, JobPageModel>(lang, model);
    }

    /// <summary>The cancel button without JavaScript (the script calls the JSON API instead).</summary>
    private static async Task<Results<SeeOther, RazorComponentResult>> CancelAsync(
        string id, HttpContext context, JobStore store, CancellationToken ct)
    {
        var form = await context.ReadPageFormAsync(ct);
        if (form.IsValid && await store.CancelAsync(id, ct) is CancelResult.NotFound)
        {
            return MessagePage.NotFound(context.Lang());
        }

        return new SeeOther(JobViews.PagePath(id));
    }
}
