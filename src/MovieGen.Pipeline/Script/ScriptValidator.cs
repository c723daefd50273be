namespace MovieGen.Pipeline.Script;

/// <summary>Checks a script before audio is made from it: what would produce a broken video.
/// Each problem names its place (<c>sections[2].narrations[0].text</c>). A missing reading is not a
/// problem here (hand-written scripts may leave it out): <see cref="ScriptReadings.FillAsync"/> adds it.</summary>
public static class ScriptValidator
{
    public static IReadOnlyList<string> Validate(VideoScript? script)
    {
        if (script is null)
        {
            return ["the script is empty"];
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(script.Title))
        {
            problems.Add("title is empty");
        }

        if (script.Sections is not { Count: > 0 })
        {
            problems.Add("sections: at least one section is required");
            return problems;
        }

        for (var s = 0; s < script.Sections.Count; s++)
        {
            var section = script.Sections[s];
            var at = $"sections[{s}]";
            if (string.IsNullOrWhiteSpace(section.Title))
            {
                problems.Add($"{at}.title is empty");
            }

            if (section.Narrations is not { Count: > 0 })
            {
                problems.Add($"{at}.narrations: at least one narration is required");
                continue;
            }

            for (var n = 0; n < section.Narrations.Count; n++)
            {
                var narration = section.Narrations[n];
                var nat = $"{at}.narrations[{n}]";
                if (string.IsNullOrWhiteSpace(narration.Text))
                {
                    problems.Add($"{nat}.text is empty");
                }

                if (!string.IsNullOrEmpty(narration.PersonaId) && !IsKnownPersona(narration.PersonaId))
                {
                    problems.Add($"{nat}.persona_id '{narration.PersonaId}' is not one of {string.Join(", ", Personas.All.Select(p => p.Id))}");
                }

                if (!string.IsNullOrEmpty(narration.Reading) && !KanaText.IsKanaOnly(narration.Reading))
                {
                    problems.Add($"{nat}.reading must be kana only (no kanji, Latin letters or digits)");
                }
            }

            if (section.KeyPoints?.Any(string.IsNullOrWhiteSpace) == true)
            {
                problems.Add($"{at}.key_points has an empty entry");
            }

            if (section.SourceImageUrl is { Length: > 0 } url &&
                !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                problems.Add($"{at}.source_image_url is not an absolute http(s) URL");
            }
        }

        for (var r = 0; r < (script.RoleAssignments?.Count ?? 0); r++)
        {
            var role = script.RoleAssignments![r];
            if (!IsKnownPersona(role.PersonaId))
            {
                problems.Add($"role_assignments[{r}].persona_id '{role.PersonaId}' is not a known persona");
            }
        }

        return problems;
    }

    private static bool IsKnownPersona(string? id) =>
        Personas.All.Any(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
