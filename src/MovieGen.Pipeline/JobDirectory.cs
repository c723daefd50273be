using System.Globalization;

namespace MovieGen.Pipeline;

/// <summary>The files of one job (shared/DESIGN.md §6): <c>article.json</c>, <c>script.yaml</c>,
/// <c>audio/phrase_NNNN.wav</c> with its mouth timeline <c>audio/phrase_NNNN.mouth.json</c>,
/// <c>slides/slide_NNNN.png</c>, <c>output.mp4</c>. Indices are
/// zero-based. Every artefact is written under a temporary name and renamed when complete
/// (<see cref="CommitAsync"/>), so a file with its final name is always a finished one.</summary>
public sealed class JobDirectory
{
    public const string VideoFileName = "output.mp4";

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public JobDirectory(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string ArticlePath => Path.Combine(Root, "article.json");

    public string ScriptPath => Path.Combine(Root, "script.yaml");

    public string AudioDirectory => Path.Combine(Root, "audio");

    public string SlidesDirectory => Path.Combine(Root, "slides");

    public string VideoPath => Path.Combine(Root, VideoFileName);

    /// <summary>Scratch space of the video stage (composed frames, the narration track); only
    /// ever trusted within one run.</summary>
    public string WorkDirectory => Path.Combine(Root, "work");

    public string PhrasePath(int index) =>
        Path.Combine(AudioDirectory, $"phrase_{index.ToString("D4", CultureInfo.InvariantCulture)}.wav");

    /// <summary>The mouth timeline of phrase <paramref name="index"/>, beside its WAV.</summary>
    public string MouthPath(int index) => MouthPathOf(PhrasePath(index));

    public static string MouthPathOf(string phrasePath) => Path.ChangeExtension(phrasePath, ".mouth.json");

    /// <summary>The job's id as the worker names its directory (JOB_DATA_DIR/{id}); seeds what
    /// must come out the same on a rerun, such as when the characters blink.</summary>
    public string Id => Path.GetFileName(Root.TrimEnd(Path.DirectorySeparatorChar));

    public string SlidePath(int index) =>
        Path.Combine(SlidesDirectory, $"slide_{index.ToString("D4", CultureInfo.InvariantCulture)}.png");

    /// <summary>A temporary name beside <paramref name="finalPath"/> (same directory, so the final
    /// rename is atomic) that no stage mistakes for a finished artefact. The extension is kept
    /// last because ffmpeg and the encoders pick formats by it.</summary>
    public static string TempPathFor(string finalPath)
    {
        var directory = Path.GetDirectoryName(finalPath)!;
        var name = Path.GetFileNameWithoutExtension(finalPath);
        var extension = Path.GetExtension(finalPath);
        return Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp{extension}");
    }

    /// <summary>Renames a finished temporary file to its final name.</summary>
    public static void Commit(string tempPath, string finalPath) => File.Move(tempPath, finalPath, overwrite: true);

    /// <summary>Writes a file through a temporary name and renames it when complete.</summary>
    public static async Task CommitAsync(string finalPath, Func<string, Task> write)
    {
        finalPath = Path.GetFullPath(finalPath);
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        var temp = TempPathFor(finalPath);
        try
        {
            await write(temp);
            Commit(temp, finalPath);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Writes UTF-8 text (no BOM) through a temporary name.</summary>
    public static Task WriteAllTextAsync(string finalPath, string text, CancellationToken ct) =>
        CommitAsync(finalPath, temp => File.WriteAllTextAsync(temp, text, Utf8, ct));

    /// <summary>The synchronous form of <see cref="WriteAllTextAsync"/>.</summary>
    public static void WriteAllText(string finalPath, string text)
    {
        finalPath = Path.GetFullPath(finalPath);
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        var temp = TempPathFor(finalPath);
        try
        {
            File.WriteAllText(temp, text, Utf8);
            Commit(temp, finalPath);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Removes temporary files a killed or cancelled run left behind in <paramref name="directory"/>.</summary>
    public static void DeleteLeftoverTempFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp*"))
        {
            TryDelete(file);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort: a leftover temp file is never mistaken for an artefact
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
