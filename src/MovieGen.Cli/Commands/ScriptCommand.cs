using System.CommandLine;
using MovieGen.Pipeline.Script;
using Spectre.Console;

namespace MovieGen.Cli.Commands;

/// <summary><c>moviegen script validate &lt;file&gt;</c>: check a script.yaml before making a
/// video from it; lists every problem and exits 1 when there are any.</summary>
internal static class ScriptCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The script.yaml to check." };
        var validate = new Command("validate", "Check a script.yaml and list its problems.") { file };
        validate.SetAction(async parse =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                await error.WriteLineAsync($"moviegen: {path.FullName} does not exist.");
                return ExitCodes.Usage;
            }

            VideoScript script;
            try
            {
                script = await ScriptYaml.LoadAsync(path.FullName);
            }
            catch (InvalidDataException ex)
            {
                await error.WriteLineAsync($"{path.Name}: {ex.Message}");
                return ExitCodes.Failed;
            }

            var problems = ScriptValidator.Validate(script);
            if (problems.Count > 0)
            {
                await error.WriteLineAsync($"{path.Name}: {problems.Count} problem(s):");
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync($"  - {problem}");
                }

                return ExitCodes.Failed;
            }

            var lines = script.Sections.Sum(s => s.Narrations.Count);
            console.MarkupLineInterpolated($"[green]{path.Name} is valid:[/] {script.Sections.Count} sections, {lines} narration lines.");
            return ExitCodes.Ok;
        });

        return new Command("script", "Work with script.yaml files.") { validate };
    }
}
