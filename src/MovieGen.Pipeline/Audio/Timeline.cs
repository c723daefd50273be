namespace MovieGen.Pipeline.Audio;

/// <summary>One narration line's audio as the timeline needs it.</summary>
public sealed record PhraseClip(string? PersonaId, double DurationSeconds);

/// <summary>When phrase <paramref name="Index"/> (global, across sections) is heard.</summary>
public sealed record PhraseTiming(int Index, int Section, string PersonaId, double Start, double End)
{
    public double Middle => (Start + End) / 2;
}

/// <summary>When a section's slide is on screen: from the pause that leads into it until its
/// last phrase ends (the last section also holds the closing pause), so sections tile the video.</summary>
public sealed record SectionTiming(int Index, double Start, double End);

/// <summary>Where every phrase and slide sits in the video (shared/DESIGN.md §6.3): a 1.0 s pause
/// before the first line, 1.0 s between sections, 0.5 s when the speaker changes inside a section,
/// nothing between lines of the same speaker, 1.0 s after the last line.</summary>
public sealed record Timeline(IReadOnlyList<SectionTiming> Sections, IReadOnlyList<PhraseTiming> Phrases, double Total)
{
    public const double InitialPause = 1.0;
    public const double SectionPause = 1.0;
    public const double SpeakerChangePause = 0.5;
    public const double EndPause = 1.0;

    /// <param name="sections">Per section, its phrases in order.</param>
    public static Timeline Build(IReadOnlyList<IReadOnlyList<PhraseClip>> sections)
    {
        var sectionTimings = new List<SectionTiming>(sections.Count);
        var phrases = new List<PhraseTiming>();
        var clock = 0.0;
        for (var s = 0; s < sections.Count; s++)
        {
            var sectionStart = clock;
            clock += s == 0 ? InitialPause : SectionPause;
            string? previousSpeaker = null;
            foreach (var clip in sections[s])
            {
                var speaker = Script.Personas.Get(clip.PersonaId).Id;
                if (previousSpeaker is not null && previousSpeaker != speaker)
                {
                    clock += SpeakerChangePause;
                }

                var start = clock;
                clock += Math.Max(0, clip.DurationSeconds);
                phrases.Add(new PhraseTiming(phrases.Count, s, speaker, start, clock));
                previousSpeaker = speaker;
            }

            if (s == sections.Count - 1)
            {
                clock += EndPause;
            }

            sectionTimings.Add(new SectionTiming(s, sectionStart, clock));
        }

        return new Timeline(sectionTimings, phrases, clock);
    }
}
