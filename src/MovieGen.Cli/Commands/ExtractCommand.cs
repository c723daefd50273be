using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using MovieGen.Pipeline;
using MovieGen.Pipeline.Content;
using Spectre.Console;

namespace MovieGen.Cli.Commands;

/// <summary><c>moviegen extract &lt;url&gt;</c>: fetch and extract an article, print it as JSON
/// (the same shape as article.json).</summary>
internal static class ExtractCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static Command Create(GlobalOptions globals, IAnsiConsole console, TextWriter error, IReadOnlyDictionary<string, string?>? environment)
    {
        var url = new Argument<string>("url") { Description = "The article URL (http/https)." };
        var command = new Command("extract", "Fetch an article and print the extracted text as JSON.") { url };
        command.SetAction(async (parse, ct) =>
        {
            if (PipelineInput.Parse(parse.GetRequiredValue(url)).Url is not { } uri)
            {
                await error.WriteLineAsync($"moviegen: {parse.GetRequiredValue(url)} is not an http(s) URL.");
                return ExitCodes.Usage;
            }

            using var services = CommandServices.TryBuild(parse, globals, environment, error);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            try
            {
                var article = await services.GetRequiredService<IArticleFetcher>().FetchAsync(uri, null, ct);
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(article, Json));
                return ExitCodes.Ok;
            }
            catch (PipelineException ex)
            {
                await error.WriteLineAsync($"moviegen: {ex.Message}");
                return ExitCodes.Failed;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Cancelled;
            }
        });
        return command;
    }
}
