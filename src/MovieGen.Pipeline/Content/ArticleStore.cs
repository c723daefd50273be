using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace MovieGen.Pipeline.Content;

/// <summary>Reads and writes <c>article.json</c>: snake_case, indented, Japanese kept readable
/// (not \u-escaped), written atomically.</summary>
public static class ArticleStore
{
    public const string FileName = "article.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static Task SaveAsync(Article article, string path, CancellationToken ct = default) =>
        JobDirectory.WriteAllTextAsync(path, JsonSerializer.Serialize(article, Json) + "\n", ct);

    public static async Task<Article> LoadAsync(string path, CancellationToken ct = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<Article>(stream, Json, ct)
            ?? throw new InvalidDataException($"{path} holds no article.");
    }
}
