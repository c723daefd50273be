using System.Net;
using MovieGen.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MovieGen.Pipeline.Tests.Net;

public sealed class SafeHttpTests : IDisposable
{
    private readonly WireMockServer _server = LoopbackServer.Start();

    public SafeHttpTests()
    {
        _server.Given(Request.Create().WithPath("/hello").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("hello"));
    }

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task The_handler_connects_to_the_address_the_guard_resolved()
    {
        // "site.test" exists only in the guard's resolver: success proves the handler dials it.
        var guard = new SsrfGuard(allowPrivate: true, resolver: SsrfGuardTests.Resolve("site.test", "127.0.0.1"));
        using var client = new HttpClient(SafeHttp.CreateHandler(guard));

        var body = await client.GetStringAsync($"http://site.test:{_server.Port}/hello");

        body.ShouldBe("hello");
    }

    [Fact]
    public async Task The_handler_refuses_to_connect_to_a_refused_address()
    {
        var guard = new SsrfGuard(allowPrivate: false, resolver: SsrfGuardTests.Resolve("site.test", "127.0.0.1"));
        using var client = new HttpClient(SafeHttp.CreateHandler(guard));

        var ex = await Should.ThrowAsync<HttpRequestException>(() => client.GetStringAsync($"http://site.test:{_server.Port}/hello"));

        ex.InnerException.ShouldBeOfType<SsrfRefusedException>();
        _server.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_dns_answer_that_changes_after_the_check_cannot_reach_loopback()
    {
        // DNS rebinding: the pre-check sees a public address, the connection would see loopback.
        var answers = new Queue<string>(["93.184.216.34", "127.0.0.1"]);
        var guard = new SsrfGuard(allowPrivate: false,
            resolver: (_, _) => Task.FromResult(new[] { IPAddress.Parse(answers.Count > 1 ? answers.Dequeue() : answers.Peek()) }));
        using var client = new HttpClient(SafeHttp.CreateHandler(guard));
        var url = new Uri($"http://rebind.test:{_server.Port}/hello");
        (await guard.CheckAsync(url, CancellationToken.None)).IsAllowed.ShouldBeTrue();

        var ex = await Should.ThrowAsync<HttpRequestException>(() => client.GetStringAsync(url));

        ex.InnerException.ShouldBeOfType<SsrfRefusedException>();
        _server.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_handler_does_not_follow_redirects_itself()
    {
        _server.Given(Request.Create().WithPath("/moved").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "/hello"));
        using var client = new HttpClient(SafeHttp.CreateHandler(allowPrivate: true));

        using var response = await client.GetAsync($"http://127.0.0.1:{_server.Port}/moved");

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
    }
}
