using System.Net;
using System.Net.Sockets;

namespace MovieGen.Net;

/// <summary>What kind of network an IP address belongs to, as far as fetching URLs is concerned.</summary>
public enum AddressCategory
{
    Public,
    Loopback,
    Private,
    CarrierGradeNat,
    LinkLocal,
    Metadata,
    Multicast,
    Unspecified,
    Broadcast,
    Reserved,
}

/// <summary>Classifies addresses by the IANA special-purpose registries. IPv6 forms that carry an
/// IPv4 address (mapped <c>::ffff:a.b.c.d</c>, compatible <c>::a.b.c.d</c>, NAT64 <c>64:ff9b::/96</c>,
/// 6to4 <c>2002::/16</c>) are classified by that IPv4 address, because that is where the packets go.</summary>
public static class AddressClassifier
{
    /// <summary>Cloud instance-metadata endpoints (AWS, GCP, Azure, Alibaba, ECS): they hand out
    /// credentials, so they are refused even when private addresses are allowed.</summary>
    public static IReadOnlySet<IPAddress> MetadataAddresses { get; } = new HashSet<IPAddress>
    {
        IPAddress.Parse("169.254.169.254"),
        IPAddress.Parse("169.254.170.2"),
        IPAddress.Parse("169.254.169.253"),
        IPAddress.Parse("100.100.100.200"),
        IPAddress.Parse("168.63.129.16"),
        IPAddress.Parse("fd00:ec2::254"),
    };

    public static AddressCategory Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } v4)
        {
            return Classify(v4);
        }

        if (MetadataAddresses.Contains(WithoutScope(address)))
        {
            return AddressCategory.Metadata;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyV6(address.GetAddressBytes()),
            _ => AddressCategory.Reserved,
        };
    }

    private static AddressCategory ClassifyV4(byte[] b) => b switch
    {
        [0, 0, 0, 0] => AddressCategory.Unspecified,
        [0, ..] => AddressCategory.Unspecified,
        [255, 255, 255, 255] => AddressCategory.Broadcast,
        [127, ..] => AddressCategory.Loopback,
        [10, ..] => AddressCategory.Private,
        [172, >= 16 and <= 31, ..] => AddressCategory.Private,
        [192, 168, ..] => AddressCategory.Private,
        [100, >= 64 and <= 127, ..] => AddressCategory.CarrierGradeNat,
        [169, 254, ..] => AddressCategory.LinkLocal,
        [>= 224 and <= 239, ..] => AddressCategory.Multicast,
        [>= 240, ..] => AddressCategory.Reserved,
        // IETF protocol assignments, documentation (TEST-NET-1/2/3) and benchmarking networks.
        [192, 0, 0, _] or [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => AddressCategory.Reserved,
        [198, 18 or 19, ..] => AddressCategory.Reserved,
        _ => AddressCategory.Public,
    };

    private static AddressCategory ClassifyV6(byte[] b)
    {
        if (b.All(x => x == 0))
        {
            return AddressCategory.Unspecified;
        }

        if (b.Take(15).All(x => x == 0) && b[15] == 1)
        {
            return AddressCategory.Loopback;
        }

        return b switch
        {
            [0xff, ..] => AddressCategory.Multicast,
            [0xfe, >= 0x80 and <= 0xbf, ..] => AddressCategory.LinkLocal,
            // fec0::/10 is the deprecated site-local range: private in practice.
            [0xfe, >= 0xc0, ..] => AddressCategory.Private,
            [0xfc or 0xfd, ..] => AddressCategory.Private,
            // 64:ff9b:1::/48, local-use NAT64.
            [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01, ..] => AddressCategory.Private,
            [0x20, 0x01, 0x0d, 0xb8, ..] => AddressCategory.Reserved,
            // Teredo tunnels (2001::/32) hide the real IPv4 peer: refuse rather than decode.
            [0x20, 0x01, 0x00, 0x00, ..] => AddressCategory.Reserved,
            // Only 2000::/3 is global unicast; everything else is unassigned or special.
            [>= 0x20 and <= 0x3f, ..] => AddressCategory.Public,
            _ => AddressCategory.Reserved,
        };
    }

    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        if (b.Take(12).All(x => x == 0) && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1))
        {
            return new IPAddress(b[12..16]);
        }

        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return new IPAddress(b[12..16]);
        }

        if (b is [0x20, 0x02, ..])
        {
            return new IPAddress(b[2..6]);
        }

        return null;
    }

    private static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
}
