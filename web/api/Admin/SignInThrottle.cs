using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using MovieGen.Api.Clients;
using MovieGen.Api.Localization;

namespace MovieGen.Api.Admin;

/// <summary>Sign-in attempts per client address (ASP.NET Core's rate limiter, on the sign-in POST
/// only): 10 in any fixed 5-minute window, so a password cannot be guessed at speed. A refused
/// attempt gets the form again with a 429 and Retry-After.</summary>
public sealed class SignInThrottle : IRateLimiterPolicy<string>
{
    public const string Name = "admin-sign-in";

    public const int Attempts = 10;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientKeys.Identity(httpContext.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Attempts,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var lang = http.Lang();
        var error = lang.T($"サインインの試行が多すぎます。{lang.Duration(wait)}ほど待ってからもう一度お試しください。",
            $"Too many sign-in attempts. Wait {lang.Duration(wait)} and try again.");
        await LoginPage.Result(http, returnPath: null, email: null, error, StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    };
}
