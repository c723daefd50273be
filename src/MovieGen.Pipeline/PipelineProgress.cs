using System.Globalization;

namespace MovieGen.Pipeline;

/// <summary>Progress of a whole run: one overall percentage that never decreases, the step
/// running, and its item counts (phrases, slides; encoded milliseconds for the video step).</summary>
public sealed record PipelineProgress(int Percent, PipelineStep Step, int Done, int Total)
{
    /// <summary>The share of the overall bar each step owns, by its typical cost.</summary>
    public static (int Start, int End) RangeOf(PipelineStep step) => step switch
    {
        PipelineStep.Fetch => (0, 5),
        PipelineStep.Script => (5, 15),
        PipelineStep.Audio => (15, 55),
        PipelineStep.Slides => (55, 65),
        PipelineStep.Video => (65, 100),
    };

    /// <summary>The overall percentage for a position inside a step.</summary>
    public static int PercentOf(StepProgress progress)
    {
        var (start, end) = RangeOf(progress.Step);
        if (progress.Total <= 0)
        {
            return start;
        }

        var share = Math.Clamp((double)progress.Done / progress.Total, 0, 1);
        return (int)Math.Floor(start + ((end - start) * share));
    }

    /// <summary>A line for people: <c>音声を生成中 (3/12)</c> or <c>Generating narration (3/12)</c>;
    /// phrases and slides are counted, the video step shows a percentage.</summary>
    public string Describe(Lang lang)
    {
        var label = Step.Label(lang).Running;
        // Fetch and script count internal sub-steps, which mean nothing to a reader.
        if (Total <= 0 || Step is PipelineStep.Fetch or PipelineStep.Script)
        {
            return label;
        }

        return Step == PipelineStep.Video
            ? string.Create(CultureInfo.InvariantCulture, $"{label} ({Math.Clamp(Done * 100L / Total, 0, 100)}%)")
            : string.Create(CultureInfo.InvariantCulture, $"{label} ({Done}/{Total})");
    }
}
