using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MovieGen.Pipeline;
using Spectre.Console;

namespace MovieGen.Cli.Commands;

/// <summary><c>moviegen generate &lt;url | script.yaml&gt; -o &lt;dir&gt;</c>: one video, with a
/// progress bar per stage. Rerunning with the same directory resumes.</summary>
internal static class GenerateCommand
{
    public static Command Create(GlobalOptions globals, IAnsiConsole console, TextWriter error, IReadOnlyDictionary<string, string?>? environment)
    {
        var input = new Argument<string>("input") { Description = "An article URL (http/https) or a script.yaml file." };
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Job directory for article.json, script.yaml, audio/, slides/ and output.mp4 (created if missing; an existing one is resumed).",
            DefaultValueFactory = _ => new DirectoryInfo("out"),
        };
        var lang = new Option<string>("--lang")
        {
            Description = "Language of the progress and failure messages.",
            DefaultValueFactory = _ => Languages.Default.Code(),
        };
        lang.AcceptOnlyFromAmong([.. Languages.All.Select(l => l.Code())]);

        var command = new Command("generate", "Make a narrated explainer video from an article URL or a script.yaml.") { input, output, lang };
        command.SetAction(async (parse, ct) =>
        {
            var source = PipelineInput.Parse(parse.GetRequiredValue(input));
            if (source.ScriptPath is { } path && !File.Exists(path))
            {
                await error.WriteLineAsync($"moviegen: {parse.GetRequiredValue(input)} is neither an http(s) URL nor an existing script file.");
                return ExitCodes.Usage;
            }

            using var services = CommandServices.TryBuild(parse, globals, environment, error);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var directory = parse.GetRequiredValue(output).FullName;
            return await RunAsync(services.GetRequiredService<PipelineRunner>(), source, directory, Languages.FromCode(parse.GetRequiredValue(lang)), console, error, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(PipelineRunner runner, PipelineInput input, string directory, Lang lang,
        IAnsiConsole console, TextWriter error, CancellationToken ct)
    {
        try
        {
            var result = console.Profile.Capabilities.Interactive
                ? await RunWithProgressBarsAsync(runner, input, directory, lang, console, ct)
                : await RunWithProgressLinesAsync(runner, input, directory, lang, console, ct);
            var video = Path.Combine(directory, result.VideoPath);
            console.MarkupLineInterpolated($"[green]Done:[/] {video} ({result.VideoSize / 1024.0 / 1024.0:0.0} MB, {result.VideoDurationSeconds:0.0} s)");
            return ExitCodes.Ok;
        }
        catch (PipelineException ex)
        {
            await error.WriteLineAsync($"moviegen: failed at {ex.Step.ToWireName()}: {ex.UserMessage.In(lang)}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await error.WriteLineAsync("moviegen: cancelled. Run the same command again to resume.");
            return ExitCodes.Cancelled;
        }
    }

    private static async Task<PipelineResult> RunWithProgressBarsAsync(PipelineRunner runner, PipelineInput input, string directory,
        Lang lang, IAnsiConsole console, CancellationToken ct)
    {
        PipelineResult? result = null;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = PipelineSteps.All.ToDictionary(
                    step => step,
                    step => context.AddTask(Markup.Escape(new PipelineProgress(0, step, 0, 0).Describe(lang)), autoStart: false, maxValue: 100));
                var gate = new Lock();
                var progress = new InlineProgress<PipelineProgress>(p =>
                {
                    lock (gate)
                    {
                        foreach (var (step, bar) in bars.Where(b => b.Key < p.Step))
                        {
                            bar.Value = 100;
                            bar.StopTask();
                        }

                        var current = bars[p.Step];
                        current.StartTask();
                        current.Description = Markup.Escape(p.Describe(lang));
                        current.Value = p.Total > 0 ? 100.0 * p.Done / p.Total : 0;
                    }
                });

                result = await runner.RunAsync(input, directory, progress, ct);
                foreach (var bar in bars.Values)
                {
                    bar.Value = 100;
                    bar.StopTask();
                }
            });

        return result!;
    }

    /// <summary>Without a terminal (CI, logs, pipes) bars would not render: one line per step
    /// and per tenth of it instead.</summary>
    private static Task<PipelineResult> RunWithProgressLinesAsync(PipelineRunner runner, PipelineInput input, string directory,
        Lang lang, IAnsiConsole console, CancellationToken ct)
    {
        var gate = new Lock();
        (PipelineStep Step, long Tenth)? last = null;
        var progress = new InlineProgress<PipelineProgress>(p =>
        {
            lock (gate)
            {
                var position = (p.Step, p.Total > 0 ? p.Done * 10L / p.Total : 0);
                if (position != last)
                {
                    last = position;
                    console.Profile.Out.Writer.WriteLine($"[{p.Percent,3}%] {p.Describe(lang)}");
                }
            }
        });
        return runner.RunAsync(input, directory, progress, ct);
    }
}

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder updates).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
