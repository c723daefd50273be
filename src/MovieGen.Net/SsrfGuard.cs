using System.Net;
using System.Net.Sockets;

namespace MovieGen.Net;

/// <summary>Whether a URL's host may be contacted.</summary>
public enum GuardStatus
{
    Allowed,

    /// <summary>The host is, or resolves to, an address the guard refuses.</summary>
    Refused,

    /// <summary>The host name did not resolve (no such name, or DNS failed).</summary>
    Unresolved,
}

/// <summary>The guard's verdict: the addresses it checked and, when refused, the first offending
/// address with an English reason.</summary>
public sealed record GuardResult(
    GuardStatus Status,
    IReadOnlyList<IPAddress> Addresses,
    string? Reason = null,
    IPAddress? RefusedAddress = null,
    AddressCategory? RefusedCategory = null)
{
    public bool IsAllowed => Status == GuardStatus.Allowed;
}

/// <summary>Thrown when a connection would go to an address the guard refuses (raised from
/// <see cref="SafeHttp"/>'s connect callback, so it reaches callers wrapped in an
/// <see cref="HttpRequestException"/>).</summary>
public sealed class SsrfRefusedException(GuardResult result)
    : IOException(result.Reason ?? "The address is not allowed.")
{
    public GuardResult Result { get; } = result;
}

/// <summary>
/// Server-side request forgery guard: decides whether the service may connect to a host, by the
/// category of every address the host resolves to (<see cref="AddressClassifier"/>). Refused by
/// default: loopback, private, carrier-grade NAT, link-local, cloud metadata, multicast,
/// unspecified, broadcast and reserved addresses. A name that resolves to several addresses is
/// refused when any of them is refused, since the connection could use any of them.
/// </summary>
/// <param name="allowPrivate">ALLOW_PRIVATE_URLS, for development and tests: also allows loopback,
/// private, carrier-grade NAT and link-local addresses, so a local test server can be fetched.
/// Cloud metadata endpoints, multicast, unspecified, broadcast and reserved addresses stay refused:
/// a developer machine in the cloud would otherwise hand its credentials to any submitted URL, and
/// the others are never a web server.</param>
/// <param name="exemptAddresses">Exact addresses allowed whatever their category (except
/// metadata): a known internal host, or a test server, without opening every private range.</param>
/// <param name="resolver">Name resolution; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>
/// by default.</param>
public sealed class SsrfGuard(
    bool allowPrivate = false,
    IEnumerable<IPAddress>? exemptAddresses = null,
    Func<string, CancellationToken, Task<IPAddress[]>>? resolver = null)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(10);

    private readonly HashSet<IPAddress> _exempt = [.. (exemptAddresses ?? []).Select(Normalise)];
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve =
        resolver ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));

    public bool AllowPrivate { get; } = allowPrivate;

    /// <summary>The guard the settings describe: ALLOW_PRIVATE_URLS and FETCH_ALLOW_ADDRESSES (a
    /// comma-separated list of exact addresses exempt from the guard, e.g. a known internal blog
    /// host; metadata addresses are never exempt). Invalid entries throw, naming the setting.</summary>
    public static SsrfGuard FromSettings(bool allowPrivate, string? allowAddresses) =>
        new(allowPrivate, ParseAddressList(allowAddresses));

    /// <summary>Parses FETCH_ALLOW_ADDRESSES; null when every entry is an IP address, else the error.</summary>
    public static string? ValidateAddressList(string? list)
    {
        var bad = Split(list).Where(entry => !IPAddress.TryParse(entry, out _)).ToList();
        return bad.Count == 0 ? null : $"FETCH_ALLOW_ADDRESSES must list IP addresses separated by commas; not an address: {string.Join(", ", bad)}.";
    }

    private static IPAddress[] ParseAddressList(string? list) =>
        ValidateAddressList(list) is { } error ? throw new ArgumentException(error, nameof(list)) : [.. Split(list).Select(IPAddress.Parse)];

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Checks one address; returns null when it may be contacted, else the reason.</summary>
    public string? RefusalReason(IPAddress address)
    {
        var category = AddressClassifier.Classify(address);
        if (category == AddressCategory.Public)
        {
            return null;
        }

        if (category != AddressCategory.Metadata && _exempt.Contains(Normalise(address)))
        {
            return null;
        }

        if (AllowPrivate && category is AddressCategory.Loopback or AddressCategory.Private
                or AddressCategory.CarrierGradeNat or AddressCategory.LinkLocal)
        {
            return null;
        }

        return $"{address} is a {Describe(category)} address, which this service does not fetch from.";
    }

    /// <summary>Resolves the URL's host (IP literals need no DNS) and checks every address.</summary>
    public Task<GuardResult> CheckAsync(Uri url, CancellationToken ct) => CheckHostAsync(url.IdnHost, ct);

    /// <summary>Resolves a host name or IP literal and checks every address.</summary>
    public async Task<GuardResult> CheckHostAsync(string host, CancellationToken ct)
    {
        host = host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            var name = host.TrimEnd('.').ToLowerInvariant();
            // RFC 6761: these names are loopback wherever they are resolved.
            if ((name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal)) && !AllowPrivate)
            {
                return new GuardResult(GuardStatus.Refused, [IPAddress.Loopback],
                    $"{host} is a loopback name, which this service does not fetch from.", IPAddress.Loopback,
                    AddressCategory.Loopback);
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(ResolveTimeout);
                addresses = await _resolve(host, timeout.Token);
            }
            catch (SocketException ex)
            {
                return new GuardResult(GuardStatus.Unresolved, [], $"The host name {host} could not be resolved ({ex.SocketErrorCode}).");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return new GuardResult(GuardStatus.Unresolved, [], $"The host name {host} did not resolve within {ResolveTimeout.TotalSeconds:0} s.");
            }

            if (addresses.Length == 0)
            {
                return new GuardResult(GuardStatus.Unresolved, [], $"The host name {host} has no addresses.");
            }
        }

        foreach (var address in addresses)
        {
            if (RefusalReason(address) is { } reason)
            {
                return new GuardResult(GuardStatus.Refused, addresses, reason, address, AddressClassifier.Classify(address));
            }
        }

        return new GuardResult(GuardStatus.Allowed, addresses);
    }

    private static IPAddress Normalise(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static string Describe(AddressCategory category) => category switch
    {
        AddressCategory.Loopback => "loopback",
        AddressCategory.Private => "private network",
        AddressCategory.CarrierGradeNat => "carrier-grade NAT",
        AddressCategory.LinkLocal => "link-local",
        AddressCategory.Metadata => "cloud metadata",
        AddressCategory.Multicast => "multicast",
        AddressCategory.Unspecified => "unspecified",
        AddressCategory.Broadcast => "broadcast",
        _ => "reserved",
    };
}
