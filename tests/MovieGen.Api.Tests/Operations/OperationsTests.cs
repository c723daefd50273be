using MovieGen.Testing;

namespace MovieGen.Api.Tests.Operations;

public sealed class OperationsTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api();

    /// <summary>The API pointed at a PocketBase that is not there.</summary>
    private ApiFactory WithoutPocketBase() => fx.Api(("POCKETBASE_URL", $"http://127.0.0.1:{FreePort.Next()}"), ("POCKETBASE_TIMEOUT_SECONDS", "2"));

    [Fact]
    public async Task Healthz_and_readyz_answer_200_while_pocketbase_answers()
    {
        using var client = api.ClientFrom();

        using var live = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_pocketbase_healthz_stays_200_and_readyz_is_503()
    {
        using var client = WithoutPocketBase().ClientFrom();

        using var live = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Without_pocketbase_creating_a_job_is_a_503_problem_and_the_page_a_503_page()
    {
        using var client = WithoutPocketBase().ClientFrom();

        using var create = await client.PostJobAsync("https://news.example/down");
        using var page = await client.GetAsync("/jobs/aaaaaaaaaaaaaaa");

        create.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await create.ProblemAsync()).Reason.ShouldBe("unavailable");
        create.RetryAfterSeconds().ShouldBeGreaterThan(0);
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await page.Content.ReadAsStringAsync()).ShouldContain("ただいま利用できません");
    }

    [Fact]
    public async Task Metrics_count_created_and_refused_jobs_and_request_durations()
    {
        using var client = api.ClientFrom();
        using var created = await client.PostJobAsync("https://news.example/metrics");
        using var refused = await client.PostJobAsync("http://10.0.0.1/metrics");

        var metrics = await client.GetStringAsync("/metrics");

        metrics.ShouldContain("moviegen_api_jobs_created_total ");
        metrics.ShouldContain("moviegen_api_jobs_refused_total{reason=\"forbidden_address\"}");
        metrics.ShouldContain("http_request_duration_seconds_bucket{");
        metrics.ShouldContain("endpoint=\"/api/jobs/\"");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_json_api_and_not_the_pages()
    {
        using var client = api.ClientFrom();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        paths.TryGetProperty("/api/jobs", out var create).ShouldBeTrue();
        create.GetProperty("post").GetProperty("responses").TryGetProperty("429", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/jobs/{id}", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/jobs/{id}/cancel", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/jobs/{id}/video", out var video).ShouldBeTrue();
        video.TryGetProperty("head", out _).ShouldBeTrue();
        paths.TryGetProperty("/jobs/{id}", out _).ShouldBeFalse();
        var view = document.GetProperty("components").GetProperty("schemas").GetProperty("JobView").GetProperty("properties");
        view.TryGetProperty("page_url", out _).ShouldBeTrue();
        view.TryGetProperty("client_ip", out _).ShouldBeFalse();
    }
}
