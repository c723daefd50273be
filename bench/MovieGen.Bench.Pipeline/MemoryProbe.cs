using System.Globalization;

namespace MovieGen.Bench.Pipeline;

/// <summary>Peak resident memory from /proc: this process's VmHWM (reset before each run through
/// /proc/self/clear_refs), and a sampler for the ffmpeg child's.</summary>
public static class MemoryProbe
{
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // old kernel: the peak then covers the whole process lifetime
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>VmHWM of this process, in MiB.</summary>
    public static double PeakMiB() => ReadHwm("/proc/self/status") ?? 0;

    /// <summary>Polls every 20 ms for processes whose command line mentions <paramref name="marker"/>
    /// and keeps the largest VmHWM seen (VmHWM only grows, so the last read before exit is the peak).</summary>
    public static async Task<double> SampleChildPeakAsync(string name, string marker, CancellationToken stop)
    {
        var peak = 0.0;
        while (!stop.IsCancellationRequested)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    continue;
                }

                try
                {
                    var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                    if (cmdline.StartsWith(name, StringComparison.Ordinal) && cmdline.Contains(marker, StringComparison.Ordinal)
                        && ReadHwm(Path.Combine(dir, "status")) is { } hwm)
                    {
                        peak = Math.Max(peak, hwm);
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }

            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peak;
    }

    private static double? ReadHwm(string statusPath)
    {
        foreach (var line in File.ReadLines(statusPath))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return null;
    }
}
