using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Admin;

/// <summary>Signing in to the dashboard the ways operators do, for tests.</summary>
public static partial class AdminClients
{
    public const string Token = "operator-token-for-the-tests-0123456789";

    /// <summary>A client that sends the operator token on every request.</summary>
    public static HttpClient WithToken(this ApiFactory api, string token = Token, string? language = null)
    {
        var client = api.ClientFrom(language: language);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Posts the sign-in form as a browser would (its anti-forgery token included).</summary>
    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        client.SubmitAsync("/admin/login", "/admin/login", ("method", "password"), ("email", email), ("password", password), ("return", "/admin"));

    public static Task<HttpResponseMessage> SignInWithTokenAsync(this HttpClient client, string token) =>
        client.SubmitAsync("/admin/login", "/admin/login", ("method", "token"), ("token", token), ("return", "/admin"));

    /// <summary>A client holding a session of a PocketBase admin.</summary>
    public static async Task<HttpClient> SignedInAsync(this ApiFactory api, string? peer = null)
    {
        var client = api.ClientFrom(peer);
        using var response = await client.SignInAsync(PocketBaseServer.AdminEmail, PocketBaseServer.AdminPassword);
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        return client;
    }

    /// <summary>The header and token the dashboard page gives its script for actions.</summary>
    public static async Task<(string Header, string Token)> DashboardAntiforgeryAsync(this HttpClient client)
    {
        var html = await client.GetStringAsync("/admin");
        return (WebUtility.HtmlDecode(CsrfHeader().Match(html).Groups[1].Value), WebUtility.HtmlDecode(CsrfToken().Match(html).Groups[1].Value));
    }

    [GeneratedRegex("data-csrf-header=\"([^\"]+)\"")]
    private static partial Regex CsrfHeader();

    [GeneratedRegex("data-csrf-token=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();
}
