namespace MovieGen;

/// <summary>A step's words: its <paramref name="Name"/> in lists and on the failure line, a
/// <paramref name="Short"/> form for tight spaces, the progress line while it
/// <paramref name="Running"/>, and the sentence when it <paramref name="Failed"/>.</summary>
public sealed record StepLabel(string Name, string Short, string Running, string Failed);

/// <summary>A status's words: the badge <paramref name="Name"/> and the job page's
/// <paramref name="Headline"/>.</summary>
public sealed record StatusLabel(string Name, string Headline);

/// <summary>The labels of steps and statuses, one table per language (<c>Labels.Ja.cs</c>,
/// <c>Labels.En.cs</c>). A new language, step or status does not compile until every table
/// has its words.</summary>
public static partial class Labels
{
    public static StepLabel Label(this PipelineStep step, Lang lang) => lang switch
    {
        Lang.Ja => Japanese.Step(step),
        Lang.En => English.Step(step),
    };

    public static StatusLabel Label(this JobStatus status, Lang lang) => lang switch
    {
        Lang.Ja => Japanese.Status(status),
        Lang.En => English.Status(status),
    };
}
