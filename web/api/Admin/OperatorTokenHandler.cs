using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using MovieGen.Api.Jobs;
using MovieGen.Api.Localization;

namespace MovieGen.Api.Admin;

/// <summary><c>Authorization: Bearer {OPERATOR_TOKEN}</c> for scripts and curl.</summary>
public sealed class OperatorTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorToken token)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = AdminAuth.Bearer(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!token.Matches(presented))
        {
            return Task.FromResult(AuthenticateResult.Fail("The operator token was not accepted."));
        }

        var principal = AdminAuth.Principal("operator", AdminAuth.ByToken, token.Fingerprint, Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return AdminRefusals.TokenRefused(Context.Lang()).ToProblem(Context).ExecuteAsync(Context);
    }
}
