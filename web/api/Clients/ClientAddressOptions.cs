using System.ComponentModel.DataAnnotations;

namespace MovieGen.Api.Clients;

/// <summary>How the API tells clients apart: which proxies may name the client, and the key of the
/// hash that is stored instead of the address.</summary>
public sealed class ClientAddressOptions
{
    /// <summary>Comma-separated proxy addresses or CIDR networks whose X-Forwarded-For is believed.
    /// Empty: the socket peer is the client.</summary>
    [ConfigurationKeyName("TRUSTED_PROXIES")]
    [ProxyList]
    public string TrustedProxies { get; set; } = "";

    [ConfigurationKeyName("IP_HASH_KEY")]
    [Required(ErrorMessage = "IP_HASH_KEY is required: a secret of at least 16 characters that keys the hash of client addresses.")]
    [MinLength(16, ErrorMessage = "IP_HASH_KEY must be at least 16 characters.")]
    public string IpHashKey { get; set; } = "";
}
