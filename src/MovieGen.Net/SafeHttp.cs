using System.Net;
using System.Net.Sockets;

namespace MovieGen.Net;

/// <summary>HTTP handlers for fetching URLs that users submitted.</summary>
public static class SafeHttp
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A handler that never follows redirects (callers re-validate each hop) and connects
    /// only to addresses <see cref="SsrfGuard"/> allows. The check happens in the connect callback,
    /// on the addresses actually dialled, so a DNS answer that changes after a pre-check (DNS
    /// rebinding) cannot reach a refused address. Refusals surface as an
    /// <see cref="HttpRequestException"/> whose inner exception is <see cref="SsrfRefusedException"/>.</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivate) => CreateHandler(new SsrfGuard(allowPrivate));

    /// <inheritdoc cref="CreateHandler(bool)"/>
    public static SocketsHttpHandler CreateHandler(SsrfGuard guard) => new()
    {
        AllowAutoRedirect = false,
        // A proxy would make the callback dial the proxy, and the guard would check the wrong host.
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(guard, context.DnsEndPoint, ct),
    };

    private static async ValueTask<Stream> ConnectAsync(SsrfGuard guard, DnsEndPoint endPoint, CancellationToken ct)
    {
        var check = await guard.CheckHostAsync(endPoint.Host, ct);
        if (check.Status == GuardStatus.Unresolved)
        {
            throw new SocketException((int)SocketError.HostNotFound, check.Reason);
        }

        if (!check.IsAllowed)
        {
            throw new SsrfRefusedException(check);
        }

        Exception? last = null;
        foreach (var address in check.Addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
