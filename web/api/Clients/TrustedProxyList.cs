using System.Net;

namespace MovieGen.Api.Clients;

/// <summary>TRUSTED_PROXIES parsed: single addresses and CIDR networks, and what could not be read.</summary>
public sealed record TrustedProxyList(IReadOnlyList<IPAddress> Addresses, IReadOnlyList<IPNetwork> Networks, IReadOnlyList<string> Errors)
{
    /// <summary>No proxy is trusted: every request's client is its socket peer.</summary>
    public bool IsEmpty => Addresses.Count == 0 && Networks.Count == 0;

    public static TrustedProxyList Parse(string? text)
    {
        List<IPAddress> addresses = [];
        List<IPNetwork> networks = [];
        List<string> errors = [];
        foreach (var item in (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (item.Contains('/') && IPNetwork.TryParse(item, out var network))
            {
                networks.Add(network);
            }
            else if (!item.Contains('/') && IPAddress.TryParse(item, out var address))
            {
                addresses.Add(address);
            }
            else
            {
                errors.Add($"TRUSTED_PROXIES: '{item}' is neither an IP address nor a CIDR network (e.g. 10.0.0.1 or 10.0.0.0/8).");
            }
        }

        return new TrustedProxyList(addresses, networks, errors);
    }
}
