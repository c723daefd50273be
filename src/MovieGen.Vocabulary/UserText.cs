namespace MovieGen;

/// <summary>A sentence for people, in every language of the service. Whoever shows the text (the
/// worker writing a job's <c>error_message</c>, the CLI) picks the version in that person's
/// language; the pipeline does not know who asked.</summary>
public sealed record UserText(string Ja, string En)
{
    /// <summary>The text built once per language.</summary>
    public static UserText Of(Func<Lang, string> text) => new(text(Lang.Ja), text(Lang.En));

    public string In(Lang lang) => lang.T(Ja, En);

    public override string ToString() => Ja;
}
