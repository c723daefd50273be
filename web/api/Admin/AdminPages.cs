using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using MovieGen.Api.Jobs;
using MovieGen.Api.Localization;
using MovieGen.Api.Pages;

namespace MovieGen.Api.Admin;

/// <summary>The dashboard page, its sign-in form and sign-out.</summary>
public static class AdminPages
{
    public static RouteGroupBuilder MapAdminPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/admin").ExcludeFromDescription().AddEndpointFilter(AdminEndpoints.NoStore);

        pages.MapGet("", DashboardAsync).RequireAuthorization(AdminAuth.Policy);
        pages.MapGet("/login", LoginFormAsync);
        pages.MapPost("/login", SignInAsync).RequireRateLimiting(SignInThrottle.Name);
        pages.MapPost("/logout", SignOutAsync).RequireAuthorization(AdminAuth.Policy);
        return pages;
    }

    private static async Task<ContentHttpResult> DashboardAsync(
        string? status, string? page, HttpContext context, JobBoard board, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var lang = context.Lang();
        // An unknown filter in a hand-typed address shows everything.
        var filter = AdminApi.ParseStatus(status, lang, out _);

        var pageNumber = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
        var progress = board.ProgressAsync(new HistoryQuery(filter, pageNumber), ct);
        var stats = board.StatsAsync(JobStats.DefaultWindow, ct);
        await Task.WhenAll(progress, stats);
        var model = new DashboardModel(
            context.User.Identity?.Name ?? "operator",
            await progress,
            await stats,
            antiforgery.GetAndStoreTokens(context),
            antiforgeryOptions.Value.HeaderName ?? "RequestVerificationToken",
            json.Value.SerializerOptions);
        return Layout.Respond(DashboardPage.Render(lang, model));
    }

    private static async Task<Results<SeeOther, ContentHttpResult>> LoginFormAsync(
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = AdminAuth.ReturnParameter)] string? returnPath,
        HttpContext context, IAntiforgery antiforgery, OperatorToken token)
    {
        if ((await context.AuthenticateAsync(AdminAuth.CookieScheme)).Succeeded)
        {
            return new SeeOther(AdminAuth.SafeReturn(returnPath));
        }

        var model = LoginPage.Model(context, antiforgery, token, returnPath, email: null, error: null);
        return Layout.Respond(LoginPage.Render(context.Lang(), model));
    }

    private static async Task<Results<SeeOther, ContentHttpResult>> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, AdminSignIn signIn, OperatorToken token, CancellationToken ct)
    {
        var lang = context.Lang();
        var form = await ReadFormAsync(context, antiforgery, ct);
        var returnPath = form?["return"].ToString();
        var email = form?["email"].ToString();

        ContentHttpResult Again(string error, int status) => Layout.Respond(
            LoginPage.Render(lang, LoginPage.Model(context, antiforgery, token, returnPath, email, error)), status);

        if (form is null)
        {
            return Again(Refusal.FormInvalid(lang).Detail, StatusCodes.Status400BadRequest);
        }

        var outcome = form["method"].ToString() == "token"
            ? signIn.WithToken(form["token"])
            : await signIn.WithPasswordAsync(email, form["password"], ct);
        switch (outcome)
        {
            case SignInOutcome.Accepted accepted:
                await context.SignInAsync(AdminAuth.CookieScheme, accepted.Principal, new AuthenticationProperties
                {
                    IsPersistent = false,
                    AllowRefresh = false,
                    ExpiresUtc = DateTimeOffset.UtcNow.Add(AdminAuth.SessionLifetime),
                });
                return new SeeOther(AdminAuth.SafeReturn(returnPath));
            case SignInOutcome.Unavailable:
                context.Response.Headers.RetryAfter = "10";
                return Again(LoginPage.Unavailable(lang), StatusCodes.Status503ServiceUnavailable);
            default:
                return Again(LoginPage.WrongCredentials(lang), StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<Results<SeeOther, ContentHttpResult>> SignOutAsync(HttpContext context, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (await ReadFormAsync(context, antiforgery, ct) is null)
        {
            return new SeeOther("/admin");
        }

        await context.SignOutAsync(AdminAuth.CookieScheme);
        return new SeeOther(AdminAuth.LoginPath);
    }

    /// <summary>The form, or null when it is not one, is too large, or lacks a valid anti-forgery token.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } max)
        {
            max.MaxRequestBodySize = Refusal.MaxBodyBytes;
        }

        if (!context.Request.HasFormContentType || context.Request.ContentLength > Refusal.MaxBodyBytes)
        {
            return null;
        }

        try
        {
            var form = await context.Request.ReadFormAsync(ct);
            return await antiforgery.IsRequestValidAsync(context) ? form : null;
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
        {
            return null;
        }
    }
}
