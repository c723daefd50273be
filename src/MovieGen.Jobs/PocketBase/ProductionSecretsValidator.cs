using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MovieGen.Jobs.PocketBase;

/// <summary>Refuses to start in production with the development admin password from
/// <c>.env.example</c> (shared/DESIGN.md §7: never a default admin password in production).</summary>
public sealed class ProductionSecretsValidator(IHostEnvironment? environment = null) : IValidateOptions<PocketBaseOptions>
{
    /// <summary>The password <c>.env.example</c> ships for development.</summary>
    public const string DevelopmentPassword = "moviegen-dev-password";

    public ValidateOptionsResult Validate(string? name, PocketBaseOptions options) =>
        environment?.IsProduction() == true && options.AdminPassword == DevelopmentPassword
            ? ValidateOptionsResult.Fail("POCKETBASE_ADMIN_PASSWORD is the development default; set your own in production.")
            : ValidateOptionsResult.Success;
}
