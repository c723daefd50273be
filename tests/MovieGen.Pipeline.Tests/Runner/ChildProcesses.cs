using System.Globalization;

namespace MovieGen.Pipeline.Tests.Runner;

/// <summary>A look at /proc: processes that belong to a test (children of this process, or any
/// process whose command line mentions the test's job directory).</summary>
public static class ChildProcesses
{
    public sealed record Entry(int Pid, int ParentPid, string Name, string CommandLine);

    public static IReadOnlyList<Entry> Related(string jobDirectory, params string[] names)
    {
        var self = Environment.ProcessId;
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
                var ours = cmdline.Contains(jobDirectory, StringComparison.Ordinal)
                    || (parent == self && names.Any(n => name.StartsWith(n, StringComparison.Ordinal)));
                if (ours && names.Any(n => name.StartsWith(n, StringComparison.Ordinal) || cmdline.Contains(n, StringComparison.Ordinal)))
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
