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
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (IsProgram && SettingsFailures(ex) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync("MovieGen.Api cannot start, a setting is invalid:");
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync($"  - {failure}");
            }

            return 2;
        }
    }

    private static bool IsProgram => Assembly.GetEntryAssembly() == typeof(SettingsExtensions).Assembly;

    /// <summary>The messages of a start-up failure caused by settings (several options classes
    /// failing arrive as an AggregateException); empty for any other failure.</summary>
    public static IReadOnlyList<string> SettingsFailures(Exception exception)
    {
        var inner = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        List<string> failures = [];
        foreach (var ex in inner)
        {
            switch (ex)
            {
                case OptionsValidationException validation:
                    failures.AddRange(validation.Failures);
                    break;

                // The binder names the key: "Failed to convert configuration value 'x' at 'RATE_LIMIT_PER_DAY' to type 'System.Int32'."
                case InvalidOperationException when ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    failures.Add(ex.Message);
                    break;
                default:
                    return [];
            }
        }

        return failures;
    }
}
