using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MovieGen.Api.Jobs;
using MovieGen.Net;

namespace MovieGen.Api.Tests.Infrastructure;

/// <summary>The API in-process with the given settings (as the environment would give them),
/// test peers, and <see cref="FakeDns"/> behind the SSRF guard.</summary>
public sealed class ApiFactory(IReadOnlyDictionary<string, string?> settings, string environment = "Development") : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestPeer>());
        builder.ConfigureTestServices(services => services.AddSingleton(sp => new SsrfGuard(
            sp.GetRequiredService<IOptions<SubmissionOptions>>().Value.AllowPrivateUrls, resolver: FakeDns.ResolveAsync)));
    }

    /// <summary>A client that speaks from <paramref name="peer"/> (a fresh address by default).
    /// Redirects are not followed, so tests see them.</summary>
    public HttpClient ClientFrom(string? peer = null, string? language = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestPeer.Header, peer ?? TestPeer.NextAddress());
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static IPAddress Address(string text) => IPAddress.Parse(text);
}
