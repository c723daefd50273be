using System.Net;
using System.Net.Sockets;

namespace MovieGen.Api.Tests.Infrastructure;

/// <summary>Name resolution for tests (no network here): a few names with fixed answers, every other
/// name a public address, so the SSRF guard's after-DNS check is exercised without a resolver.</summary>
public static class FakeDns
{
    public static readonly IPAddress Public = IPAddress.Parse("93.184.215.14");

    private static readonly Dictionary<string, IPAddress[]> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["loopback.test"] = [IPAddress.Loopback],
        ["intranet.test"] = [IPAddress.Parse("10.20.30.40")],
        ["metadata.test"] = [IPAddress.Parse("169.254.169.254")],
        ["mixed.test"] = [Public, IPAddress.Parse("127.0.0.2")],
    };

    public static Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        if (host.Equals("nxdomain.test", StringComparison.OrdinalIgnoreCase))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        return Task.FromResult(Names.TryGetValue(host, out var addresses) ? addresses : [Public]);
    }
}
