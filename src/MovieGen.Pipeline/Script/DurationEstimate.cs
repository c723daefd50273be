namespace MovieGen.Pipeline.Script;

/// <summary>
/// How long a script will take to speak, before any audio exists. Rates measured with espeak-ng
/// 1.51 (default voice speed, variants f2/f5 make no difference), 7 Japanese lines / 7 English
/// lines synthesised one file per line as the audio stage does:
/// Japanese 7.1 kana of reading per second (5.45 characters of kanji-kana text per second),
/// English 17.0 characters per second. Pauses follow the audio stage's timing (DESIGN.md §6):
/// 1.0 s at the start and end, 1.0 s between sections, 0.5 s when the speaker changes.
/// </summary>
public static class DurationEstimate
{
    public const double JapaneseReadingCharsPerSecond = 7.1;
    public const double JapaneseTextCharsPerSecond = 5.45;
    public const double LatinCharsPerSecond = 17.0;

    public static TimeSpan Of(VideoScript script, string language) =>
        TimeSpan.FromSeconds(2.0 + script.Sections.Select((s, i) => (i == 0 ? 0 : 1.0) + SectionSeconds(s, language)).Sum());

    public static double SectionSeconds(ScriptSection section, string language)
    {
        var seconds = 0.0;
        string? previous = null;
        foreach (var line in section.Narrations)
        {
            if (previous is not null && !string.Equals(previous, line.PersonaId, StringComparison.Ordinal))
            {
                seconds += 0.5;
            }

            seconds += LineSeconds(line, language);
            previous = line.PersonaId;
        }

        return seconds;
    }

    public static double LineSeconds(Narration line, string language) => language switch
    {
        "ja" when line.Reading.Length > 0 => line.Reading.Length / JapaneseReadingCharsPerSecond,
        "ja" => line.Text.Length / JapaneseTextCharsPerSecond,
        _ => line.Text.Length / LatinCharsPerSecond,
    };
}
