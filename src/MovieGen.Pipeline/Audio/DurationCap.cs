namespace MovieGen.Pipeline.Audio;

/// <summary>Keeps a video within MAX_VIDEO_DURATION_MINUTES once the real audio lengths are known.</summary>
public static class DurationCap
{
    /// <summary>The sections (original indices, in order) to keep so the timeline fits in
    /// <paramref name="cap"/>: trailing body sections go first; the first section (the hook) and
    /// the last (the summary) always stay. Null when even hook + summary do not fit.</summary>
    public static IReadOnlyList<int>? SectionsToKeep(IReadOnlyList<IReadOnlyList<PhraseClip>> sections, TimeSpan cap)
    {
        var kept = Enumerable.Range(0, sections.Count).ToList();
        while (Timeline.Build(kept.Select(i => sections[i]).ToList()).Total > cap.TotalSeconds)
        {
            if (kept.Count <= 2)
            {
                return null;
            }

            kept.RemoveAt(kept.Count - 2);
        }

        return kept;
    }
}
