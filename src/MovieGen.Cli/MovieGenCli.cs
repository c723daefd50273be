using System.CommandLine;
using MovieGen.Cli.Commands;
using Spectre.Console;

namespace MovieGen.Cli;

/// <summary>The <c>moviegen</c> command line: <c>generate</c>, <c>extract</c>, <c>script validate</c>.
/// Exit codes are in <see cref="ExitCodes"/>.</summary>
public static class MovieGenCli
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error, CancellationToken ct,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("MovieGen: article URL → narrated explainer video, from the command line.")
        {
            GenerateCommand.Create(globals, console, error, environment),
            ExtractCommand.Create(globals, console, error, environment),
            ScriptCommand.Create(console, error),
        };
        root.Options.Add(globals.Config);
        root.Options.Add(globals.Verbose);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"moviegen: {problem.Message}");
            }

            await error.WriteLineAsync("Run 'moviegen --help' for usage.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Profile.Out.Writer,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Program.cs owns Ctrl-C/SIGTERM and passes the token in
        };
        return await parsed.InvokeAsync(invocation, ct);
    }
}

/// <summary>Options every command accepts.</summary>
public sealed class GlobalOptions
{
    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "A YAML file of settings by their environment names (VIDEO_RESOLUTION: 1920x1080). Its values override the environment.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log what each stage does (to stderr).",
        Recursive = true,
    };
}
