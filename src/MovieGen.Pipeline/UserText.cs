namespace MovieGen.Pipeline;

/// <summary>A sentence for people, in both languages of the service. The pipeline does not know
/// who asked; whoever shows the text (the worker writing a job's <c>error_message</c>, the CLI)
/// picks the version in that person's language.</summary>
public sealed record UserText(string Ja, string En)
{
    /// <summary>The English version for a language code starting with "en", else the Japanese.</summary>
    public string In(string? lang) =>
        lang is not null && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? En : Ja;

    public override string ToString() => Ja;
}
