using System.Globalization;
using System.Text;
using MovieGen.Pipeline.Processes;

namespace MovieGen.Pipeline.Video;

/// <summary>A still image and how long it is shown.</summary>
public sealed record StillFrame(string Path, double DurationSeconds);

/// <summary>The one ffmpeg run of the video stage: stills through the concat demuxer at variable
/// frame rate plus the narration WAV → H.264 yuv420p + AAC MP4 with +faststart.
/// <para>The arguments are built here rather than with FFMpegCore: FFMpegCore starts ffmpeg
/// itself, which would bypass <see cref="ProcessRunner"/> (process-tree kill on cancel, stall
/// detection), and its fluent builder has no notion of concat-script options or
/// <c>-fps_mode</c>, so it would add a layer without saving any of this code.</para></summary>
public static class FfmpegEncoder
{
    /// <summary>How the frames are encoded; <see cref="Vfr"/> is what the pipeline uses,
    /// <see cref="Cfr30"/> exists for the benchmark's comparison.</summary>
    public enum FrameRateMode
    {
        Vfr,
        Cfr30,
    }

    /// <summary>Writes an ffconcat script. Each file gets <c>option framerate 1000</c> so its
    /// timestamps are in milliseconds (the image demuxer's default 25 fps time base would round
    /// every slide change to 40 ms), and the last file is listed twice because the concat
    /// demuxer ignores the duration of the final entry.</summary>
    public static string WriteConcatScript(IReadOnlyList<StillFrame> frames, string path)
    {
        var script = new StringBuilder("ffconcat version 1.0\n");
        foreach (var frame in frames)
        {
            AppendFile(frame.Path);
            script.Append(CultureInfo.InvariantCulture, $"duration {frame.DurationSeconds:0.######}\n");
        }

        AppendFile(frames[^1].Path);
        File.WriteAllText(path, script.ToString());
        return path;

        void AppendFile(string file) =>
            script.Append("file '").Append(file.Replace("'", @"'\''", StringComparison.Ordinal)).Append("'\noption framerate 1000\n");
    }

    public static IReadOnlyList<string> Arguments(string concatScript, string narrationWav, string output, int width, int height,
        FrameRateMode mode = FrameRateMode.Vfr)
    {
        var size = $"{width.ToString(CultureInfo.InvariantCulture)}:{height.ToString(CultureInfo.InvariantCulture)}";
        List<string> args =
        [
            "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-nostats",
            "-progress", "pipe:1", "-stats_period", "0.5",
            "-f", "concat", "-safe", "0", "-i", concatScript,
            "-i", narrationWav,
            "-map", "0:v:0", "-map", "1:a:0",
            "-vf", $"scale={size}:flags=bicubic,setsar=1,format=yuv420p",
        ];
        args.AddRange(mode == FrameRateMode.Vfr ? ["-fps_mode", "vfr"] : ["-fps_mode", "cfr", "-r", "30"]);
        args.AddRange(
        [
            // No B-frames: with VFR stills they push decode timestamps seconds before zero.
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-bf", "0", "-crf", "20", "-g", "30",
            "-pix_fmt", "yuv420p",

            // Narration is mono speech at the synthesizer's rate (22.05 / 24 kHz, both valid AAC
            // rates): no resampling, and the fast coder, which takes about half the time of the
            // default two-loop search (audio was the larger half of the encode).
            "-c:a", "aac", "-aac_coder", "fast", "-b:a", "96k",
            "-movflags", "+faststart",
            "-f", "mp4", output,
        ]);
        return args;
    }

    /// <summary>Runs the encode, reporting encoded milliseconds from <c>-progress pipe:1</c>.
    /// ffmpeg prints a progress block every 0.5 s, so silence for <paramref name="stallTimeout"/>
    /// means it hangs and it is killed.</summary>
    public static async Task EncodeAsync(string ffmpeg, IReadOnlyList<string> arguments, double totalSeconds,
        TimeSpan stallTimeout, Action<int>? encodedMilliseconds, CancellationToken ct)
    {
        var totalMs = (int)Math.Round(totalSeconds * 1000);
        var spec = new ProcessSpec(
            ffmpeg,
            arguments,
            Timeout: TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(totalSeconds * 2),
            StallTimeout: stallTimeout,
            OnOutputLine: line =>
            {
                if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us)
                    && us >= 0)
                {
                    encodedMilliseconds?.Invoke((int)Math.Min(totalMs, us / 1000));
                }
                else if (line == "progress=end")
                {
                    encodedMilliseconds?.Invoke(totalMs);
                }
            });
        await ProcessRunner.RunCheckedAsync(spec, ct);
    }
}
