using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace MovieGen.Cli.Commands;

/// <summary>Builds the pipeline services for a command, turning a bad config file or setting
/// into a message and <see cref="ExitCodes.Usage"/>.</summary>
internal static class CommandServices
{
    public static ServiceProvider? TryBuild(ParseResult parse, GlobalOptions globals, IReadOnlyDictionary<string, string?>? environment,
        TextWriter error)
    {
        var configFile = parse.GetValue(globals.Config);
        try
        {
            if (configFile is { Exists: false })
            {
                error.WriteLine($"moviegen: config file {configFile.FullName} does not exist.");
                return null;
            }

            var configuration = CliSettings.Load(configFile?.FullName, environment);
            return CliSettings.BuildServices(configuration, parse.GetValue(globals.Verbose));
        }
        catch (InvalidDataException ex)
        {
            error.WriteLine($"moviegen: {ex.Message}");
        }
        catch (Exception ex) when (SettingsErrors.Of(ex) is { Count: > 0 } problems)
        {
            SettingsErrors.Write(error, "moviegen", problems);
        }

        return null;
    }
}
