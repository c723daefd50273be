using System.Text;

namespace MovieGen.Pipeline.Content;

/// <summary>Writes a file under a temporary name and renames it into place, so a crash or a
/// concurrent reader never sees half a file (DESIGN.md §5: a restart trusts only finished files).</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAllTextAsync(string path, string text, CancellationToken ct)
    {
        var temp = TempNameFor(path);
        try
        {
            await File.WriteAllTextAsync(temp, text, Utf8, ct);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text)
    {
        var temp = TempNameFor(path);
        try
        {
            File.WriteAllText(temp, text, Utf8);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    // Unique per writer, so two writers never share a temporary file.
    private static string TempNameFor(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return $"{path}.{Guid.NewGuid():N}.tmp";
    }
}
