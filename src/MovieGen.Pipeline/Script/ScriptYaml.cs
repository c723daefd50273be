using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MovieGen.Pipeline.Script;

/// <summary>Reads and writes <c>script.yaml</c> in the reference schema (snake_case). Narrations
/// may be written as plain strings (<c>narrations: ["line", …]</c>); they load as lines of the
/// explainer with no reading. Saving is atomic (temporary file, then rename).</summary>
public static class ScriptYaml
{
    public const string FileName = "script.yaml";

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithIndentedSequences()
        .DisableAliases()
        .Build();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .WithTypeConverter(new NarrationConverter())
        .Build();

    public static string Serialize(VideoScript script) => Serializer.Serialize(script);

    /// <summary>Parses YAML text; throws <see cref="InvalidDataException"/> with the position of a
    /// syntax error.</summary>
    public static VideoScript Parse(string yaml)
    {
        VideoScript? script;
        try
        {
            script = Deserializer.Deserialize<VideoScript?>(yaml);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"script.yaml is not valid YAML ({ex.Start}): {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        return Normalise(script ?? new VideoScript());
    }

    public static VideoScript Load(string path) => Parse(File.ReadAllText(path));

    public static async Task<VideoScript> LoadAsync(string path, CancellationToken ct = default) =>
        Parse(await File.ReadAllTextAsync(path, ct));

    public static void Save(VideoScript script, string path) => JobDirectory.WriteAllText(path, Serialize(script));

    public static Task SaveAsync(VideoScript script, string path, CancellationToken ct = default) =>
        JobDirectory.WriteAllTextAsync(path, Serialize(script), ct);

    // YAML "key:" with no value arrives as null even where the class starts with an empty list.
    private static VideoScript Normalise(VideoScript script)
    {
        script.Title ??= "";
        script.Description ??= "";
        script.Sections = (script.Sections ?? []).Where(s => s is not null).ToList();
        script.RoleAssignments = (script.RoleAssignments ?? []).Where(r => r is not null).ToList();
        foreach (var section in script.Sections)
        {
            section.Title ??= "";
            section.Narrations = (section.Narrations ?? []).Where(n => n is not null).ToList();
            section.KeyPoints = (section.KeyPoints ?? []).Where(k => k is not null).ToList();
            foreach (var narration in section.Narrations)
            {
                narration.Text ??= "";
                narration.Reading ??= "";
            }
        }

        return script;
    }

    private sealed class NarrationYaml
    {
        public string? Text { get; set; }

        public string? Reading { get; set; }

        public string? PersonaId { get; set; }
    }

    private sealed class NarrationConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(Narration);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                return new Narration { Text = scalar.Value };
            }

            var yaml = (NarrationYaml?)rootDeserializer(typeof(NarrationYaml));
            return new Narration { Text = yaml?.Text ?? "", Reading = yaml?.Reading ?? "", PersonaId = yaml?.PersonaId };
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            throw new NotSupportedException("Only used for reading.");
    }
}
