using System.Reflection;
using Microsoft.Extensions.Options;
using MovieGen.Api.Clients;

namespace MovieGen.Api.Settings;

public static class SettingsExtensions
{
    public static WebApplicationBuilder AddProductionChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<ClientAddressOptions>, ProductionSecrets>();
        return builder;
    }

    /// <summary>Runs the app; a bad setting ends the program with one line per problem, each
    /// naming the setting, and exit code 2. When something else hosts the app (tests, tools), the
    /// failure is left to that host.</summary>
    public static async Task<int> RunWithSettingsCheckAsync(this WebApplication app)
    {
        if (!IsProgram)
        {
            await app.RunAsync();
            return 0;
        }

        return await SettingsErrors.RunAsync(() => app.RunAsync(), "MovieGen.Api", Console.Error);
    }

    private static bool IsProgram => Assembly.GetEntryAssembly() == typeof(SettingsExtensions).Assembly;
}
