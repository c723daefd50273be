using MovieGen.Pipeline.Audio;

namespace MovieGen.Pipeline.Video;

/// <summary>One still image of the video and how long it stays: a section's slide, with the
/// subtitle of <paramref name="Phrase"/> when one is being spoken (null in pauses).</summary>
public sealed record FrameSegment(int Section, int? Phrase, double Start, double End)
{
    public double Duration => End - Start;
}

/// <summary>Slide videos are still frames: the picture changes only when a phrase starts or
/// ends, or the slide changes. Encoding one frame per change instead of 30 a second is what
/// makes the video stage fast (shared/DESIGN.md §6.5).</summary>
public static class FramePlan
{
    private const double Epsilon = 1e-6;

    /// <summary>Segments that tile [0, total] in order.</summary>
    public static IReadOnlyList<FrameSegment> Build(Timeline timeline)
    {
        var segments = new List<FrameSegment>();
        foreach (var section in timeline.Sections)
        {
            var clock = section.Start;
            foreach (var phrase in timeline.Phrases.Where(p => p.Section == section.Index))
            {
                if (phrase.End - phrase.Start < Epsilon)
                {
                    continue;
                }

                if (phrase.Start - clock > Epsilon)
                {
                    segments.Add(new FrameSegment(section.Index, null, clock, phrase.Start));
                }

                segments.Add(new FrameSegment(section.Index, phrase.Index, phrase.Start, phrase.End));
                clock = phrase.End;
            }

            if (section.End - clock > Epsilon)
            {
                segments.Add(new FrameSegment(section.Index, null, clock, section.End));
            }
        }

        return segments;
    }
}
