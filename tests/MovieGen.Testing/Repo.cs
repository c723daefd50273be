using System.Reflection;

namespace MovieGen.Testing;

/// <summary>Paths in the checkout, wherever the build output lives (ArtifactsPath may move it).</summary>
public static class Repo
{
    public static string Root { get; } = typeof(Repo).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!.TrimEnd('/');

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A fresh directory under the system temp dir, for one test or fixture.</summary>
    public static string NewTempDirectory(string prefix)
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"moviegen-{prefix}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
