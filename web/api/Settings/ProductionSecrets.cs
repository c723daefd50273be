using Microsoft.Extensions.Options;
using MovieGen.Api.Clients;

namespace MovieGen.Api.Settings;

/// <summary>The development IP_HASH_KEY of .env.example is public; in Production it would let
/// anyone reverse the client hashes on job records, so start-up refuses it. (AddJobStore refuses
/// the development PocketBase admin password the same way.)</summary>
public sealed class ProductionSecrets(IHostEnvironment environment) : IValidateOptions<ClientAddressOptions>
{
    public const string DevIpHashKey = "moviegen-dev-ip-hash-key";

    public ValidateOptionsResult Validate(string? name, ClientAddressOptions options) =>
        environment.IsProduction() && options.IpHashKey == DevIpHashKey
            ? ValidateOptionsResult.Fail("IP_HASH_KEY is the development key; set a secret one in production.")
            : ValidateOptionsResult.Success;
}
