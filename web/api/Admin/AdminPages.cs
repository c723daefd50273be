using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
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

    private static async Task<RazorComponentResult> DashboardAsync(
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
        return PageResults.Render<DashboardPage, DashboardModel>(lang, model);
    }

    private static async Task<Results<SeeOther, RazorComponentResult>> LoginFormAsync(
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = AdminAuth.ReturnParameter)] string? returnPath, HttpContext context)
    {
        if ((await context.AuthenticateAsync(AdminAuth.CookieScheme)).Succeeded)
        {
            return new SeeOther(AdminAuth.SafeReturn(returnPath));
        }

        return LoginPage.Result(context, returnPath, email: null, error: null);
    }

    private static async Task<Results<SeeOther, RazorComponentResult>> SignInAsync(HttpContext context, AdminSignIn signIn, CancellationToken ct)
    {
        var lang = context.Lang();
        var form = await context.ReadPageFormAsync(ct);
        // A refused form is shown empty: nothing it carried is used.
        var fields = form.IsValid ? form.Fields : FormCollection.Empty;
        var returnPath = fields["return"].ToString();
        var email = fields["email"].ToString();

        RazorComponentResult Again(string error, int status) => LoginPage.Result(context, returnPath, email, error, status);

        if (!form.IsValid)
        {
            return Again(Refusal.FormInvalid(lang).Detail, StatusCodes.Status400BadRequest);
        }

        var outcome = fields["method"].ToString() == "token"
            ? signIn.WithToken(fields["token"])
            : await signIn.WithPasswordAsync(email, fields["password"], ct);
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

    private static async Task<SeeOther> SignOutAsync(HttpContext context, CancellationToken ct)
    {
        if (!(await context.ReadPageFormAsync(ct)).IsValid)
        {
            return new SeeOther("/admin");
        }

        await context.SignOutAsync(AdminAuth.CookieScheme);
        return new SeeOther(AdminAuth.LoginPath);
    }
}
