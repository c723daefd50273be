using System.Globalization;

namespace MovieGen.Pipeline.Tests.Runner;

/// <summary>A look at /proc for the processes of one test: those whose command line mentions the
/// test's own job directory (every espeak-ng and ffmpeg the pipeline starts names a file in it).
/// Being a child of the test process is not enough: test classes run in parallel, and another
/// test's ffmpeg is a child too.</summary>
public static class ChildProcesses
{
    public sealed record Entry(int Pid, int ParentPid, string Name, string CommandLine);

    public static IReadOnlyList<Entry> Related(string jobDirectory, params string[] names)
    {
        var found = new List<Entry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(jobDirectory, StringComparison.Ordinal) && names.Any(n => name.StartsWith(n, StringComparison.Ordinal) || cmdline.Contains(n, StringComparison.Ordinal)))
                {
                    found.Add(new Entry(pid, parent, name, cmdline));
                }
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
