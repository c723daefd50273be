using System.Security.Cryptography;
using System.Text;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Characters;

namespace MovieGen.Pipeline.Video;

/// <summary>A run of frames in which a character looks the same.</summary>
public sealed record SpriteRun(SpriteState State, double Start, double End)
{
    public double Duration => End - Start;
}

/// <summary>What one character does over the whole video, sampled on the output frame grid
/// (<see cref="FramesPerSecond"/>): its mouth follows its own lines' mouth timelines and is shut
/// otherwise; it blinks on its own seeded schedule; it brightens and rises over
/// <see cref="SpeakerChangeSeconds"/> just before its first line after the other's, and dims as
/// the other takes over. Runs of identical frames are merged, so the sprite stream changes only
/// when the picture does.</summary>
public static class CharacterTrack
{
    /// <summary>10 fps, the low end of what the design allows (10–15): a mouth flaps about as
    /// often as hand-drawn lip flap does, and the render needs a third fewer frames than at 15 fps
    /// (measured 12× realtime at 15 fps on 2 cores, short of the 15× target; see DECISIONS).</summary>
    public const int FramesPerSecond = 10;

    /// <summary>How long the change of speaker takes (it happens in the pause before the line).</summary>
    public const double SpeakerChangeSeconds = 0.2;

    public static IReadOnlyList<SpriteRun> Build(string personaId, Timeline timeline, IReadOnlyList<MouthTimeline> mouths,
        IReadOnlyList<double> blinks)
    {
        var frames = (int)Math.Ceiling(timeline.Total * FramesPerSecond);
        var runs = new List<SpriteRun>();
        var phrases = timeline.Phrases;
        var next = 0;
        for (var f = 0; f < frames; f++)
        {
            var t = (double)f / FramesPerSecond;
            while (next < phrases.Count && phrases[next].End <= t)
            {
                next++;
            }

            var mouth = MouthShape.Closed;
            if (next < phrases.Count && phrases[next].Start <= t && phrases[next].PersonaId == personaId)
            {
                mouth = mouths[next].ShapeAt(t - phrases[next].Start);
            }

            var state = new SpriteState(mouth, IsBlinking(blinks, t), Level(personaId, phrases, t));
            if (runs.Count > 0 && runs[^1].State == state)
            {
                runs[^1] = runs[^1] with { End = (f + 1.0) / FramesPerSecond };
            }
            else
            {
                runs.Add(new SpriteRun(state, t, (f + 1.0) / FramesPerSecond));
            }
        }

        if (runs.Count > 0)
        {
            runs[^1] = runs[^1] with { End = timeline.Total };
        }

        return runs;
    }

    /// <summary>When a character's eyes close (each blink lasts <see cref="BlinkSeconds"/>): every
    /// 2–5 s, from a generator seeded by the job id and the persona, so a rerun of the job gives
    /// the same video and the two characters do not blink in step.</summary>
    public static IReadOnlyList<double> Blinks(string jobId, string personaId, double total)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{jobId}/{personaId}")));
        var random = new Random(seed);
        var blinks = new List<double>();
        for (var t = 0.6 + (random.NextDouble() * 2.4); t < total - BlinkSeconds; t += 2 + (random.NextDouble() * 3))
        {
            blinks.Add(Math.Round(t, 3));
        }

        return blinks;
    }

    public const double BlinkSeconds = 0.13;

    private static bool IsBlinking(IReadOnlyList<double> blinks, double t) => blinks.Any(b => t >= b && t < b + BlinkSeconds);

    /// <summary>The speaker is whoever speaks the latest line that began (or begins within the
    /// change time); before the first line, whoever speaks it. The level ramps over the change
    /// time ending at that line's start.</summary>
    private static int Level(string personaId, IReadOnlyList<PhraseTiming> phrases, double t)
    {
        if (phrases.Count == 0)
        {
            return 0;
        }

        // The latest change of speaker at or before t + change time.
        var current = phrases[0].PersonaId;
        double? changeAt = null;
        string? previous = null;
        foreach (var phrase in phrases)
        {
            if (phrase.Start - SpeakerChangeSeconds > t)
            {
                break;
            }

            if (phrase.PersonaId != current)
            {
                previous = current;
                current = phrase.PersonaId;
                changeAt = phrase.Start;
            }
        }

        var progress = changeAt is { } at ? Math.Clamp(1 - ((at - t) / SpeakerChangeSeconds), 0, 1) : 1;
        var level = current == personaId ? progress : previous == personaId ? 1 - progress : 0;
        return (int)Math.Round(level * CharacterSprites.LevelSteps);
    }
}
