using MovieGen.Testing;
using System.Text.RegularExpressions;

namespace MovieGen.Worker.Tests;

/// <summary>Reads what a worker did from its log lines.</summary>
public static partial class WorkerLog
{
    public static IReadOnlyList<string> StartedJobs(AppProcess worker) =>
        worker.Lines.Select(l => Started().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The most jobs the worker ran at once, replaying its start and end lines in order.</summary>
    public static int MaxConcurrent(AppProcess worker)
    {
        int running = 0, max = 0;
        foreach (var line in worker.Lines)
        {
            if (Started().IsMatch(line))
            {
                max = Math.Max(max, ++running);
            }
            else if (Ended().IsMatch(line))
            {
                running--;
            }
        }

        return max;
    }

    /// <summary>The steps the worker's last finished pipeline run did work in (the others were
    /// skipped because their artefacts were there).</summary>
    public static IReadOnlyList<string> StepsRun(AppProcess worker) =>
        worker.Lines.Select(l => Ran().Match(l)).LastOrDefault(m => m.Success) is { } match
            ? match.Groups[1].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries)
            : throw new InvalidOperationException($"{worker.Id} finished no pipeline run:\n{worker.Log}");

    [GeneratedRegex(@"Pipeline finished: .*; ran ([a-z, ]*)$")]
    private static partial Regex Ran();

    [GeneratedRegex(@"Job (\w{15}) started \(attempt")]
    private static partial Regex Started();

    [GeneratedRegex(@"Job \w{15} (completed:|failed at|cancelled;|is held elsewhere|handed back)")]
    private static partial Regex Ended();
}
