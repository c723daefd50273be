using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Slides;
using SkiaSharp;

namespace MovieGen.Pipeline.Video;

/// <summary>From <paramref name="Start"/> to <paramref name="End"/> the characters stand in
/// <paramref name="Pose"/>: one combination of their speaker levels, numbered by the scene.</summary>
public sealed record PoseSpan(int Pose, double Start, double End);

/// <summary>The characters of one video, split where ffmpeg's cost lies: each character's body,
/// which changes only with the speaker level, is drawn into the stills (one per slide, subtitle
/// and pose), and only its face (eyes and mouth) is a sprite stream overlaid on every frame.
/// Both halves come from the same <see cref="CharacterTrack"/>, on the same frame grid, so a
/// face always lies on a body at its own level.</summary>
public sealed class CharacterScene : IDisposable
{
    private readonly List<(CharacterPlacement Placement, CharacterSprites Sprites, IReadOnlyList<SpriteRun> Track)> characters = [];
    /// <summary>Each pose: every character's speaker level, in placement order.</summary>
    private readonly List<int[]> levels = [];
    private readonly List<PoseSpan> poses = [];

    private CharacterScene()
    {
    }

    /// <summary>Spans on the frame grid that tile the video, neighbours in different poses.</summary>
    public IReadOnlyList<PoseSpan> Poses => poses;

    public static async Task<CharacterScene> CreateAsync(JobDirectory job, IReadOnlyList<CharacterArt> cast, IReadOnlyList<PhraseAudio> phrases,
        Timeline timeline, SlideGeometry geometry, CancellationToken ct)
    {
        var mouths = new List<MouthTimeline>(phrases.Count);
        foreach (var phrase in phrases)
        {
            mouths.Add(File.Exists(phrase.MouthPath) ? await MouthTimeline.LoadAsync(phrase.MouthPath, ct) : LipSync.FromWav(phrase.Path));
        }

        var scene = new CharacterScene();
        try
        {
            foreach (var placement in CharacterLayout.Place(cast, geometry.Width, geometry.Height))
            {
                ct.ThrowIfCancellationRequested();
                var persona = placement.Art.PersonaId;
                var sprites = new CharacterSprites(placement, Path.Combine(job.WorkDirectory, "sprites"));
                scene.characters.Add((placement, sprites,
                    CharacterTrack.Build(persona, timeline, mouths, CharacterTrack.Blinks(job.Id, persona, timeline.Total))));
            }

            scene.FindPoses();
            return scene;
        }
        catch
        {
            scene.Dispose();
            throw;
        }
    }

    /// <summary>Draws every character's body in <paramref name="pose"/> where its sprite goes.</summary>
    public void DrawBodies(SKCanvas canvas, int pose)
    {
        var sampling = new SKSamplingOptions(SKFilterMode.Nearest);
        for (var i = 0; i < characters.Count; i++)
        {
            var (placement, sprites, _) = characters[i];
            canvas.DrawBitmap(sprites.Body(levels[pose][i]), placement.Sprite.Left, placement.Sprite.Top, sampling, null);
        }
    }

    /// <summary>One face stream per character: its track of states, each face drawn once.</summary>
    public IReadOnlyList<Overlay> WriteFaces(string directory)
    {
        var overlays = new List<Overlay>(characters.Count);
        foreach (var (placement, sprites, track) in characters)
        {
            var stills = track.Select(run => new StillFrame(sprites.PathOf(run.State), run.Duration)).ToList();
            var script = FfmpegEncoder.WriteConcatScript(stills, Path.Combine(directory, $"{placement.Art.PersonaId}.ffconcat"));
            overlays.Add(new Overlay(script, sprites.Face.Left, sprites.Face.Top));
        }

        return overlays;
    }

    public void Dispose()
    {
        foreach (var (_, sprites, _) in characters)
        {
            sprites.Dispose();
        }
    }

    /// <summary>Merges the characters' tracks by level: a new span wherever anyone's level changes
    /// (the tracks share the frame grid, so every boundary is a grid time).</summary>
    private void FindPoses()
    {
        var next = new int[characters.Count];
        var at = 0.0;
        var total = characters.Count == 0 || characters[0].Track.Count == 0 ? 0 : characters[0].Track[^1].End;
        while (at < total - 1e-9)
        {
            var now = new int[characters.Count];
            var until = total;
            for (var i = 0; i < characters.Count; i++)
            {
                var track = characters[i].Track;
                while (track[next[i]].End <= at + 1e-9)
                {
                    next[i]++;
                }

                now[i] = track[next[i]].State.Level;
                until = Math.Min(until, track[next[i]].End);
            }

            var pose = levels.FindIndex(l => l.AsSpan().SequenceEqual(now));
            if (pose < 0)
            {
                levels.Add(now);
                pose = levels.Count - 1;
            }

            if (poses.Count > 0 && poses[^1].Pose == pose)
            {
                poses[^1] = poses[^1] with { End = until };
            }
            else
            {
                poses.Add(new PoseSpan(pose, at, until));
            }

            at = until;
        }
    }
}
