namespace MovieGen.Testing;

/// <summary>Reads /proc to find processes: what a job left running after it was stopped.</summary>
public static class ProcessTable
{
    public sealed record Entry(int Pid, int ParentPid, string Name, string CommandLine);

    public static IReadOnlyList<Entry> All()
    {
        var entries = new List<Entry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                if (fields[0] == "Z")
                {
                    continue; // a zombie has already exited
                }

                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                entries.Add(new Entry(pid, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), name, cmdline));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked
            }
        }

        return entries;
    }

    /// <summary>Media tools (ffmpeg, espeak-ng, mecab) whose command line mentions the path.</summary>
    public static IReadOnlyList<Entry> ToolsWorkingIn(string path) =>
        All().Where(e => e.Name is "ffmpeg" or "espeak-ng" or "mecab" && e.CommandLine.Contains(path, StringComparison.Ordinal)).ToList();

    public static IReadOnlyList<Entry> DescendantsOf(int pid)
    {
        var all = All();
        var result = new List<Entry>();
        var frontier = new Queue<int>([pid]);
        while (frontier.Count > 0)
        {
            var parent = frontier.Dequeue();
            foreach (var child in all.Where(e => e.ParentPid == parent))
            {
                result.Add(child);
                frontier.Enqueue(child.Pid);
            }
        }

        return result;
    }
}
