namespace MovieGen.Pipeline.Script;

/// <summary>The reference service's <c>script.yaml</c>: what is said, by whom, on which slide.
/// Mutable classes because YamlDotNet (de)serialises them; snake_case on disk.</summary>
public sealed class VideoScript
{
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public List<ScriptSection> Sections { get; set; } = [];

    public List<RoleAssignment> RoleAssignments { get; set; } = [];
}

public sealed class ScriptSection
{
    public string Title { get; set; } = "";

    public List<Narration> Narrations { get; set; } = [];

    /// <summary>3–5 short points shown on the slide (ours; the reference drew them from the prompt).</summary>
    public List<string> KeyPoints { get; set; } = [];

    public string? SlidePrompt { get; set; }

    public string? SourceImageUrl { get; set; }
}

public sealed class Narration
{
    public string Text { get; set; } = "";

    /// <summary>How to say <see cref="Text"/>: kana for Japanese (espeak-ng reads kanji as
    /// "Chinese letter"), empty when the text can be read as written.</summary>
    public string Reading { get; set; } = "";

    public string? PersonaId { get; set; }
}

public sealed class RoleAssignment
{
    public string PersonaId { get; set; } = "";

    public string Role { get; set; } = "";

    public string Description { get; set; } = "";
}
