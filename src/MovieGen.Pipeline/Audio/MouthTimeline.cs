using System.Text.Json;
using System.Text.Json.Serialization;

namespace MovieGen.Pipeline.Audio;

/// <summary>How open a character's mouth is drawn.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MouthShape>))]
public enum MouthShape
{
    Closed,
    Half,
    Open,
}

/// <summary>From <paramref name="Start"/> (seconds into the line) the mouth has this shape,
/// until the next cue or the end of the line.</summary>
public sealed record MouthCue(double Start, MouthShape Shape);

/// <summary>The mouth shapes of one spoken line, a phrase's companion artefact
/// (<c>audio/phrase_NNNN.mouth.json</c>). Cues are in order, start at 0 and never repeat a shape
/// twice in a row.</summary>
/// <param name="Source"><c>loudness</c> (measured from the WAV) or <c>voicevox</c> (from the engine's moras).</param>
public sealed record MouthTimeline(string Source, double Duration, IReadOnlyList<MouthCue> Cues)
{
    public const string Loudness = "loudness";
    public const string Voicevox = "voicevox";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    public MouthShape ShapeAt(double seconds)
    {
        var shape = MouthShape.Closed;
        foreach (var cue in Cues)
        {
            if (cue.Start > seconds)
            {
                break;
            }

            shape = cue.Shape;
        }

        return seconds >= Duration ? MouthShape.Closed : shape;
    }

    /// <summary>The same shapes spread over <paramref name="duration"/> (for audio whose length
    /// disagrees with what the timeline was computed from).</summary>
    public MouthTimeline StretchTo(double duration)
    {
        if (Duration <= 0)
        {
            return this with { Duration = duration };
        }

        var factor = duration / Duration;
        return this with { Duration = duration, Cues = Cues.Select(c => c with { Start = Math.Round(c.Start * factor, 4) }).ToList() };
    }

    /// <summary>Builds a timeline from shapes with their lengths: neighbours of the same shape are
    /// merged, empty runs dropped.</summary>
    public static MouthTimeline FromRuns(string source, IEnumerable<(double Length, MouthShape Shape)> runs)
    {
        var cues = new List<MouthCue>();
        var clock = 0.0;
        foreach (var (length, shape) in runs)
        {
            if (length <= 0)
            {
                continue;
            }

            if (cues.Count == 0 || cues[^1].Shape != shape)
            {
                cues.Add(new MouthCue(Math.Round(clock, 4), shape));
            }

            clock += length;
        }

        if (cues.Count == 0 || cues[0].Start > 0)
        {
            cues.Insert(0, new MouthCue(0, MouthShape.Closed));
        }

        return new MouthTimeline(source, Math.Round(clock, 4), cues);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MouthTimeline FromJson(string json) =>
        JsonSerializer.Deserialize<MouthTimeline>(json, Json) ?? throw new InvalidDataException("The mouth timeline is empty.");

    public static async Task<MouthTimeline> LoadAsync(string path, CancellationToken ct)
    {
        try
        {
            return FromJson(await File.ReadAllTextAsync(path, ct));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a mouth timeline: {ex.Message}", ex);
        }
    }

    public Task SaveAsync(string path, CancellationToken ct) => JobDirectory.WriteAllTextAsync(path, ToJson(), ct);
}
