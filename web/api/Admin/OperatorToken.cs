using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MovieGen.Api.Admin;

/// <summary>Checks a presented operator token against OPERATOR_TOKEN.</summary>
public sealed class OperatorToken(IOptions<AdminOptions> options)
{
    private readonly byte[]? expected = options.Value.TokenEnabled ? Hash(options.Value.OperatorToken!) : null;

    public bool Enabled => expected is not null;

    /// <summary>Names the configured token without revealing it: a session started with the token
    /// carries this, so changing or clearing OPERATOR_TOKEN ends those sessions.</summary>
    public string? Fingerprint => expected is null ? null : Convert.ToHexStringLower(expected.AsSpan(0, 8));

    // Comparing fixed-length hashes in constant time: neither the length nor a common prefix of
    // the secret leaks through timing.
    public bool Matches(string? presented) =>
        expected is not null && !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(Hash(presented), expected);

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
