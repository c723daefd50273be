namespace MovieGen.Api.Tests.Operations;

public sealed class SecurityHeaderTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api();

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/jobs/zzzzzzzzzzzzzzz")]
    [InlineData("GET", "/api/jobs/zzzzzzzzzzzzzzz")]
    [InlineData("POST", "/api/jobs")]
    [InlineData("GET", "/static/js/progress.js")]
    [InlineData("GET", "/healthz")]
    [InlineData("GET", "/no/such/path")]
    public async Task Every_response_carries_the_security_headers(string method, string path)
    {
        using var client = api.ClientFrom();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self';");
        csp.ShouldContain($"connect-src 'self' {fx.PocketBase.Url};");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
    }
}
