using System.Text.Json;
using System.Text.Json.Serialization;

namespace MovieGen.Bench.Extraction;

/// <summary>One page of the corpus: the page as served (raw bytes, any charset) and what a person
/// marked as its headline and its body.</summary>
public sealed record CorpusPage(string Id, string Url, string Language, string Kind, string Source, string? Title, string Body)
{
    [JsonIgnore]
    public byte[] Html { get; init; } = [];
}

/// <summary>The assembled corpus on disk: <c>index.json</c> (expectations) and <c>html/&lt;id&gt;.html</c>.</summary>
public static class Corpus
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IReadOnlyList<CorpusPage> Load(string directory)
    {
        var pages = JsonSerializer.Deserialize<List<CorpusPage>>(File.ReadAllText(Path.Combine(directory, "index.json")), Json)
            ?? throw new InvalidDataException($"{directory}/index.json holds no pages.");
        return pages.Select(p => p with { Html = File.ReadAllBytes(Path.Combine(directory, "html", p.Id + ".html")) }).ToList();
    }

    /// <summary>Where the corpus is: EXTRACTION_CORPUS_DIR, else a <c>shared/extraction-corpus</c> beside
    /// the checkout (where CI finds shared/), else <c>corpus/</c> in this project's folder (not committed).</summary>
    public static string? Find(string repositoryRoot)
    {
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("EXTRACTION_CORPUS_DIR"),
            Path.Combine(repositoryRoot, "..", "shared", "extraction-corpus"),
            Path.Combine(repositoryRoot, "bench", "MovieGen.Bench.Extraction", "corpus"),
        ];
        return candidates.FirstOrDefault(c => c is not null && File.Exists(Path.Combine(c, "index.json")));
    }
}
