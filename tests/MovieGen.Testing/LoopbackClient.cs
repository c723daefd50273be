using System.Net;
using System.Net.Sockets;

namespace MovieGen.Testing;

/// <summary>An HTTP client whose connections leave from a chosen loopback address (127.0.0.2,
/// 127.0.0.3…: Linux routes all of 127/8 to lo), so one test process can be several real socket
/// peers of a server — what the client-address rules are about.</summary>
public static class LoopbackClient
{
    /// <param name="acceptAnyCertificate">For a test server's self-signed certificate.</param>
    public static HttpClient From(string sourceAddress, Uri? baseAddress = null, bool allowRedirects = false, bool acceptAnyCertificate = false)
    {
        var source = IPAddress.Parse(sourceAddress);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = allowRedirects,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            SslOptions = acceptAnyCertificate ? new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true } : new(),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }
}
