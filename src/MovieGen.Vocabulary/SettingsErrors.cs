using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MovieGen;

/// <summary>How every MovieGen program (the API, the worker, the CLI) reports settings it cannot
/// start with: a heading, one line per problem naming the setting, and exit code 2.</summary>
public static partial class SettingsErrors
{
    public const int ExitCode = 2;

    /// <summary>The problems a start-up failure names: the failures of the options validators
    /// (several options classes failing at once arrive as an AggregateException), or the
    /// configuration binder's conversion error. Empty for a failure not caused by settings.</summary>
    public static IReadOnlyList<string> Of(Exception exception)
    {
        var inner = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        List<string> problems = [];
        foreach (var ex in inner)
        {
            switch (ex)
            {
                case OptionsValidationException validation:
                    problems.AddRange(validation.Failures.Select(Plain));
                    break;

                // The binder throws a plain InvalidOperationException; only its text tells it apart,
                // and it names the key: "Failed to convert configuration value 'x' at 'RATE_LIMIT_PER_DAY' to type 'System.Int32'."
                case InvalidOperationException when ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    problems.Add(ex.Message);
                    break;
                default:
                    return [];
            }
        }

        return problems;
    }

    /// <summary>A data-annotation failure reads "DataAnnotation validation failed for 'PipelineOptions'
    /// members: 'VideoResolution' with the error: '…'."; our messages name the setting themselves,
    /// so only the message is shown.</summary>
    private static string Plain(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } m ? m.Groups["message"].Value : failure;

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    public static void Write(TextWriter error, string program, IReadOnlyList<string> problems)
    {
        error.WriteLine($"{program} cannot start, a setting is invalid:");
        foreach (var problem in problems)
        {
            error.WriteLine($"  - {problem}");
        }
    }

    /// <summary>Runs a program's host; a settings failure is written to <paramref name="error"/>
    /// and ends it with <see cref="ExitCode"/>, any other failure is left to the caller.</summary>
    public static async Task<int> RunAsync(Func<Task> run, string program, TextWriter error)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception ex) when (Of(ex) is { Count: > 0 } problems)
        {
            Write(error, program, problems);
            return ExitCode;
        }
    }
}
