using System.Net.Http.Headers;
using System.Text;

namespace MovieGen.Api.Tests.Infrastructure;

public sealed record Problem(int Status, string? Reason, string Title, string Detail, JsonElement Body);

public static class Http
{
    public static Task<HttpResponseMessage> PostJobAsync(this HttpClient client, string url) =>
        client.PostAsJsonAsync("/api/jobs", new { url });

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string contentType = "application/json") =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)));

    /// <summary>The response as RFC 7807 problem details, checking its media type.</summary>
    public static async Task<Problem> ProblemAsync(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Problem(
            body.GetProperty("status").GetInt32(),
            body.TryGetProperty("reason", out var reason) ? reason.GetString() : null,
            body.GetProperty("title").GetString() ?? "",
            body.GetProperty("detail").GetString() ?? "",
            body);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static int RetryAfterSeconds(this HttpResponseMessage response) =>
        (int)(response.Headers.RetryAfter?.Delta ?? throw new ShouldAssertException("Retry-After is missing")).TotalSeconds;
}
