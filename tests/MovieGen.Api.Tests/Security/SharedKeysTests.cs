using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MovieGen.Api.Security;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Security;

/// <summary>API instances are interchangeable: data-protection keys live in PocketBase, so a form or
/// a dashboard sign-in made on one instance is accepted by another — one started later, as after a
/// restart — and instances that start together on an empty store agree on one key.</summary>
public sealed partial class SharedKeysTests : IAsyncLifetime
{
    private PocketBaseServer pocketBase = null!;

    public async Task InitializeAsync() => pocketBase = await PocketBaseServer.StartNewAsync();

    public async Task DisposeAsync() => await pocketBase.DisposeAsync();

    private Task<AppProcess> StartApiAsync(string id) =>
        AppProcess.StartApiAsync(id, new Dictionary<string, string>(pocketBase.Settings())
        {
            ["IP_HASH_KEY"] = "shared-keys-ip-hash-key",
            ["ALLOW_PRIVATE_URLS"] = "true",
        });

    [Fact]
    public async Task A_form_and_a_dashboard_sign_in_from_one_instance_are_accepted_by_an_instance_started_after_it()
    {
        var cookies = new CookieJar();
        string formToken, loginToken;
        await using (var first = await StartApiAsync("api-1"))
        {
            using var one = cookies.Client(first.Url);
            formToken = TokenOf(await one.GetStringAsync("/"));
            loginToken = TokenOf(await one.GetStringAsync("/admin/login"));
        }

        await using var second = await StartApiAsync("api-2");
        using var two = cookies.Client(second.Url);
        using var submitted = await two.PostAsync("/jobs", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["url"] = "http://127.0.0.1:9/shared-keys-article", ["_token"] = formToken,
        }));
        using var signedIn = await two.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["method"] = "password", ["email"] = PocketBaseServer.AdminEmail, ["password"] = PocketBaseServer.AdminPassword,
            ["return"] = "/admin", ["_token"] = loginToken,
        }));
        await using var third = await StartApiAsync("api-3");
        using var three = cookies.Client(third.Url);
        using var dashboard = await three.GetAsync("/admin");

        submitted.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await submitted.Content.ReadAsStringAsync());
        submitted.Headers.Location!.ToString().ShouldStartWith("/jobs/");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await signedIn.Content.ReadAsStringAsync());
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK, "the sign-in cookie of api-2 is good on api-3");
        (await dashboard.Content.ReadAsStringAsync()).ShouldContain("data-csrf-token");
    }

    [Fact]
    public async Task Instances_that_make_their_first_key_at_the_same_moment_agree_on_one()
    {
        using var client = new MovieGen.Jobs.PocketBase.PocketBaseClient(pocketBase.Options);
        using var bothRead = new Barrier(2);
        var a = Protection(new RaceAfterFirstRead(new PocketBaseXmlRepository(() => client, NullLogger<PocketBaseXmlRepository>.Instance), bothRead));
        var b = Protection(new RaceAfterFirstRead(new PocketBaseXmlRepository(() => client, NullLogger<PocketBaseXmlRepository>.Instance), bothRead));

        var outcomes = await Task.WhenAll(Task.Run(() => TryProtect(a)), Task.Run(() => TryProtect(b)));
        var fromA = outcomes[0] ?? TryProtect(a)!;
        var fromB = outcomes[1] ?? TryProtect(b)!;

        outcomes.Count(o => o is null).ShouldBe(1, "both made a key; one of them was refused");
        (await client.CountAsync(PocketBaseXmlRepository.Collection, "immediate = true", default)).ShouldBe(1);
        a.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(fromB).ShouldBe("payload");
        b.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(fromA).ShouldBe("payload");
    }

    [Fact]
    public async Task A_key_made_ahead_of_its_activation_is_always_stored()
    {
        using var client = new MovieGen.Jobs.PocketBase.PocketBaseClient(pocketBase.Options);
        var repository = new PocketBaseXmlRepository(() => client, NullLogger<PocketBaseXmlRepository>.Instance);
        var now = DateTimeOffset.UtcNow;

        await repository.StoreAsync(Key(now, now), "key-first", default);
        var refused = await Should.ThrowAsync<KeyRingRaceException>(() => repository.StoreAsync(Key(now, now), "key-second", default));
        await repository.StoreAsync(Key(now, now.AddDays(2)), "key-rotation", default);

        refused.Message.ShouldContain("key-second");
        (await repository.ReadAllAsync(default)).Count.ShouldBe(2);
    }

    private static XElement Key(DateTimeOffset created, DateTimeOffset activates) => new("key",
        new XAttribute("id", Guid.NewGuid()), new XAttribute("version", 1),
        new XElement("creationDate", created.ToString("O")), new XElement("activationDate", activates.ToString("O")),
        new XElement("expirationDate", activates.AddDays(90).ToString("O")));

    private static ServiceProvider Protection(IXmlRepository repository)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName("MovieGen");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);
        return services.BuildServiceProvider();
    }

    /// <summary>The protected payload, or null when making the key ring failed (the race's loser).</summary>
    private static string? TryProtect(ServiceProvider provider)
    {
        try
        {
            return provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("payload");
        }
        catch (Exception ex) when (Chain(ex).Any(e => e is KeyRingRaceException))
        {
            return null;
        }
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>Holds each instance's first read of the ring until both have read it (both see an
    /// empty store, as instances starting together do), then lets them race to store a key.</summary>
    private sealed class RaceAfterFirstRead(IXmlRepository inner, Barrier bothRead) : IXmlRepository
    {
        private int reads;

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            var elements = inner.GetAllElements();
            if (Interlocked.Increment(ref reads) == 1)
            {
                bothRead.SignalAndWait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the other instance read the ring too");
            }

            return elements;
        }

        public void StoreElement(XElement element, string friendlyName) => inner.StoreElement(element, friendlyName);
    }

    private static string TokenOf(string html)
    {
        var match = TokenField().Match(html);
        match.Success.ShouldBeTrue("the page has an anti-forgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"_token\" value=\"([^\"]+)\">")]
    private static partial Regex TokenField();

    /// <summary>One browser's cookies across instances on different ports of 127.0.0.1 (cookies
    /// belong to a host, not a port).</summary>
    private sealed class CookieJar
    {
        private readonly CookieContainer container = new();

        public HttpClient Client(string baseUrl) =>
            new(new SocketsHttpHandler { CookieContainer = container, UseCookies = true, AllowAutoRedirect = false })
            {
                BaseAddress = new Uri(baseUrl + "/"),
                Timeout = TimeSpan.FromSeconds(30),
            };
    }
}
