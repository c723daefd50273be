using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MovieGen.Api.Clients;

/// <summary>Turns a client address into the key that limits count against: an HMAC of the address,
/// so job records (readable by anyone holding the id) never carry the address itself.</summary>
public sealed class ClientKeys(IOptions<ClientAddressOptions> options)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(options.Value.IpHashKey);

    /// <summary>The address limits are counted by. An IPv6 host usually owns a whole /64, so the
    /// /64 is the client; IPv4-mapped addresses count as their IPv4 address.</summary>
    public static string Identity(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    /// <summary>HMAC-SHA256(IP_HASH_KEY, identity), lower-case hex.</summary>
    public string KeyFor(IPAddress? address) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Identity(address))));
}
