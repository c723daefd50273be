using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MovieGen.Api.Localization;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Admin;

/// <summary>The operations dashboard: <c>/admin</c> and its JSON under <c>/api/admin</c>, for
/// PocketBase admins and holders of the operator token.</summary>
public static class AdminEndpoints
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OperatorToken>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JobBoard>();
        services.AddSingleton<JobEventHub>();
        services.AddHttpClient<AdminSignIn>((sp, http) =>
        {
            var pocketBase = sp.GetRequiredService<IOptions<PocketBaseOptions>>().Value;
            http.BaseAddress = new Uri(pocketBase.Url.TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(pocketBase.TimeoutSeconds);
        });

        services.AddAuthentication().AddAdminSchemes();
        services.AddAuthorizationBuilder().AddPolicy(AdminAuth.Policy, policy => policy
            .AddAuthenticationSchemes(AdminAuth.Scheme)
            .RequireAuthenticatedUser());
        services.AddRateLimiter(limits => limits.AddPolicy<string, SignInThrottle>(SignInThrottle.Name));
        return builder;
    }

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapAdminPages();
        app.MapAdminApi();
        return app;
    }

    /// <summary>Operators' data is never cached (by a browser or a proxy).</summary>
    internal static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentLanguage = context.HttpContext.Lang().Code();
        headers.Vary = HeaderNames.AcceptLanguage;
        return await next(context);
    }
}
