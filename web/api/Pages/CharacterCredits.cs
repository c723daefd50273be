using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MovieGen.Api.Pages;

/// <summary>The credit lines of the character pack the workers draw (CHARACTERS, CHARACTER_DIR,
/// the same settings the worker reads): each persona folder's <c>manifest.json</c> "credit",
/// read once. The worker validates the pack; a page only leaves out what it cannot read.</summary>
public sealed class CharacterCredits(IOptions<PageOptions> options)
{
    private readonly Lazy<IReadOnlyList<string>> lines = new(() => Read(options.Value));

    public IReadOnlyList<string> Lines => lines.Value;

    private static List<string> Read(PageOptions options)
    {
        if (!options.CharactersShown)
        {
            return [];
        }

        var root = string.IsNullOrWhiteSpace(options.CharacterDirectory)
            ? Path.Combine(AppContext.BaseDirectory, "characters")
            : options.CharacterDirectory;
        if (!Directory.Exists(root))
        {
            return [];
        }

        var credits = new List<string>();
        foreach (var manifest in Directory.GetDirectories(root).Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "manifest.json")))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(manifest));
                if (json.RootElement.TryGetProperty("credit", out var credit) && credit.GetString() is { Length: > 0 } line)
                {
                    credits.Add(line.Trim());
                }
            }
            catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or UnauthorizedAccessException)
            {
                // not ours to report: the worker refuses a broken pack at start
            }
        }

        return credits.Distinct().ToList();
    }
}
