using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace MovieGen.Api.Tests.Infrastructure;

/// <summary>TestServer has no socket, so no peer address. This startup filter puts the address
/// named by <see cref="Header"/> where Kestrel would, before anything of the app (forwarded headers
/// included) runs — tests can then act as any client or proxy.</summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    private static int next;

    /// <summary>A client address no other test uses (limits count per address).</summary>
    public static string NextAddress()
    {
        var n = Interlocked.Increment(ref next);
        return $"198.51.{n / 250}.{(n % 250) + 1}";
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
