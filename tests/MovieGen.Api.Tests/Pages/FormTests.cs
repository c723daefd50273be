using MovieGen.Api.Tests.Admin;

namespace MovieGen.Api.Tests.Pages;

/// <summary>Every page form is read the same way: at most 16 kB, only a form, only with the
/// page's anti-forgery token; anything else changes nothing and says why.</summary>
public sealed class FormTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api(("OPERATOR_TOKEN", AdminClients.Token));

    private static string Padding => new('a', 20_000);

    [Fact]
    public async Task A_job_form_over_16_kB_is_refused_with_413_and_creates_nothing()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        using var response = await client.SubmitAsync("/", "/jobs", ("url", "https://news.example/big"), ("padding", Padding));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        html.ShouldContain("data-reason=\"body_too_large\"");
        html.ShouldContain("<form method=\"post\" action=\"/jobs\"");
        (await fx.JobsOfAsync(peer)).ShouldBe(0);
    }

    [Fact]
    public async Task A_json_post_to_the_job_form_is_refused_with_400_and_creates_nothing()
    {
        var peer = TestPeer.NextAddress();
        using var client = api.ClientFrom(peer);

        using var response = await client.PostAsJsonAsync("/jobs", new { url = "https://news.example/json-to-form" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("data-reason=\"invalid_form\"");
        (await fx.JobsOfAsync(peer)).ShouldBe(0);
    }

    [Fact]
    public async Task A_cancel_without_the_pages_token_leaves_the_job_as_it_was()
    {
        var job = await fx.NewJobAsync();
        using var client = api.ClientFrom();

        using var response = await client.PostAsync($"/jobs/{job.Id}/cancel", new FormUrlEncodedContent([]));

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await fx.Store.GetAsync(job.Id, default))!.Status.ShouldBe(JobStatus.Pending);
    }

    [Fact]
    public async Task An_oversized_sign_in_form_signs_nobody_in_and_shows_the_form_again_empty()
    {
        using var client = api.ClientFrom();

        using var response = await client.SubmitAsync("/admin/login", "/admin/login",
            ("method", "token"), ("token", AdminClients.Token), ("email", "someone@example.com"), ("padding", Padding));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("id=\"signin-error\"");
        html.ShouldNotContain("someone@example.com");
        (await client.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
