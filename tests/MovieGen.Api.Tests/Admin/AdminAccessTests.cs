using Microsoft.Extensions.Options;
using MovieGen.Api.Admin;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Admin;

/// <summary>Who may see the dashboard: PocketBase admins (by e-mail and password) and holders of
/// OPERATOR_TOKEN; everyone else is refused, and the sign-in form cannot be brute-forced.</summary>
public sealed class AdminAccessTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private const string UnknownJob = "abcdefghijklmno";

    private readonly ApiFactory api = fx.Api(("OPERATOR_TOKEN", AdminClients.Token));

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/admin/job-stats" },
        { "GET", "/api/admin/job-progress" },
        { "GET", "/api/admin/events" },
        { "POST", $"/api/admin/jobs/{UnknownJob}/cancel" },
        { "POST", $"/api/admin/jobs/{UnknownJob}/retry" },
    };

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_credentials_every_admin_endpoint_answers_401_problem_details(string method, string path)
    {
        using var client = api.ClientFrom();

        using var response = await client.SendAsync(Request(method, path));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        (await response.ProblemAsync()).Reason.ShouldBe("sign_in_required");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_wrong_operator_token_is_refused_with_401(string method, string path)
    {
        using var client = api.WithToken(AdminClients.Token + "x");

        using var response = await client.SendAsync(Request(method, path));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.ProblemAsync()).Reason.ShouldBe("invalid_token");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_right_operator_token_is_accepted(string method, string path)
    {
        using var client = api.WithToken();

        using var response = await client.SendAsync(Request(method, path), HttpCompletionOption.ResponseHeadersRead);

        // The actions name a job that does not exist: getting as far as looking it up is the point.
        response.StatusCode.ShouldBe(method == "GET" ? HttpStatusCode.OK : HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_dashboard_sends_a_browser_that_has_not_signed_in_to_the_sign_in_form()
    {
        using var client = api.ClientFrom();

        using var response = await client.GetAsync("/admin?status=failed");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/admin/login?return=%2Fadmin%3Fstatus%3Dfailed");
        var form = await client.GetStringAsync(response.Headers.Location);
        form.ShouldContain("id=\"password-form\"");
        form.ShouldContain("id=\"token-form\"");
    }

    [Fact]
    public async Task A_PocketBase_admin_signs_in_with_e_mail_and_password_and_gets_a_strict_http_only_session_cookie()
    {
        using var client = api.ClientFrom();

        using var response = await client.SignInAsync(PocketBaseServer.AdminEmail, PocketBaseServer.AdminPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.ShouldBe("/admin");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("moviegen-admin=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldNotContain("expires", Case.Insensitive); // ends with the browser session, or after 8 h
        var page = await client.GetAsync("/admin");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await page.Content.ReadAsStringAsync()).ShouldContain(PocketBaseServer.AdminEmail);
        (await client.GetAsync("/api/admin/job-stats")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_e_mail_get_the_same_refusal_and_no_session()
    {
        using var client = api.ClientFrom();

        using var wrongPassword = await client.SignInAsync(PocketBaseServer.AdminEmail, "not-the-password-123");
        using var unknownEmail = await client.SignInAsync("nobody@moviegen.test", PocketBaseServer.AdminPassword);

        wrongPassword.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknownEmail.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var first = await wrongPassword.Content.ReadAsStringAsync();
        var second = await unknownEmail.Content.ReadAsStringAsync();
        first.ShouldContain("サインインできませんでした。入力した内容を確認して、もう一度お試しください。");
        second.ShouldContain("サインインできませんでした。入力した内容を確認して、もう一度お試しください。");
        SessionCookies(wrongPassword).ShouldBeEmpty();
        SessionCookies(unknownEmail).ShouldBeEmpty();
        (await client.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static IEnumerable<string> SessionCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith("moviegen-admin=", StringComparison.Ordinal)) : [];

    [Fact]
    public async Task The_operator_token_signs_in_through_the_form_as_well()
    {
        using var client = api.ClientFrom();

        using var response = await client.SignInWithTokenAsync(AdminClients.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await client.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/admin/job-progress")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_an_OPERATOR_TOKEN_token_sign_in_is_off_but_PocketBase_admins_still_get_in()
    {
        var noToken = fx.Api(("OPERATOR_TOKEN", ""));
        using var client = noToken.ClientFrom();

        (await client.GetStringAsync("/admin/login")).ShouldNotContain("id=\"token-form\"");
        using var byForm = await client.SignInWithTokenAsync(AdminClients.Token);
        byForm.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var bearer = noToken.WithToken();
        (await bearer.GetAsync("/api/admin/job-stats")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var admin = await noToken.SignedInAsync();
        (await admin.GetAsync("/api/admin/job-stats")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_forms_antiforgery_token_is_refused()
    {
        using var client = api.ClientFrom();

        using var response = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["method"] = "token", ["token"] = AdminClients.Token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client_address()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);
        for (var i = 0; i < SignInThrottle.Attempts; i++)
        {
            using var refused = await client.SignInWithTokenAsync("a-wrong-token-that-is-long-enough");
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var throttled = await client.SignInWithTokenAsync(AdminClients.Token);

        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.RetryAfterSeconds().ShouldBeInRange(1, 300);
        (await throttled.Content.ReadAsStringAsync()).ShouldContain("サインインの試行が多すぎます");
        using var elsewhere = api.ClientFrom();
        (await elsewhere.SignInWithTokenAsync(AdminClients.Token)).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
    }

    [Fact]
    public async Task An_action_by_a_signed_in_browser_must_carry_the_dashboards_antiforgery_token()
    {
        using var client = await api.SignedInAsync();
        var (header, token) = await client.DashboardAntiforgeryAsync();

        using var bare = await client.PostAsync($"/api/admin/jobs/{UnknownJob}/retry", null);
        using var withToken = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/jobs/{UnknownJob}/retry");
        withToken.Headers.Add(header, token);
        using var confirmed = await client.SendAsync(withToken);

        bare.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bare.ProblemAsync()).Reason.ShouldBe("antiforgery");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await api.SignedInAsync();

        using var response = await client.SubmitAsync("/admin", "/admin/logout");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.ShouldBe("/admin/login");
        (await client.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task After_sign_in_only_dashboard_addresses_are_followed()
    {
        using var client = api.ClientFrom();

        using var response = await client.SubmitAsync("/admin/login", "/admin/login",
            ("method", "token"), ("token", AdminClients.Token), ("return", "//evil.example/admin"));

        response.Headers.Location!.OriginalString.ShouldBe("/admin");
    }

    [Fact]
    public void An_OPERATOR_TOKEN_shorter_than_24_characters_stops_the_API_from_starting()
    {
        using var shortToken = new ApiFactory(fx.Settings(("OPERATOR_TOKEN", "too-short")));

        var failure = Should.Throw<OptionsValidationException>(() => shortToken.CreateClient());

        failure.Message.ShouldContain("OPERATOR_TOKEN must be empty (token sign-in off) or at least 24 characters");
    }
}
