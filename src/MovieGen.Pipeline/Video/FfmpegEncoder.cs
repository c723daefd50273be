using System.Globalization;
using System.Text;
using MovieGen.Pipeline.Processes;

namespace MovieGen.Pipeline.Video;

/// <summary>A still image and how long it is shown.</summary>
public sealed record StillFrame(string Path, double DurationSeconds);

/// <summary>A variable-frame-rate sprite stream (an ffconcat list) laid over the stills at a fixed place.</summary>
public sealed record Overlay(string ConcatScript, int X, int Y);

/// <summary>Background music: a file looped under the narration at <paramref name="Volume"/> (linear gain).</summary>
public sealed record Music(string Path, double Volume);

/// <summary>What the encode reads: the ffconcat list of stills, the narration WAV, the character
/// sprite streams (none for the plain slideshow) and optional music.</summary>
public sealed record VideoInputs(string ConcatScript, string NarrationWav, int Width, int Height, double TotalSeconds, int Frames,
    IReadOnlyList<Overlay> Overlays, Music? Bgm = null);

/// <summary>The one ffmpeg run of the video stage: stills through the concat demuxer at variable
/// frame rate plus the narration WAV → H.264 yuv420p + AAC MP4 with +faststart. With characters,
/// one more variable-frame-rate stream per character, its face, is overlaid at 10 fps
/// (shared/DESIGN.md §8: a few streams of state changes, not a PNG per frame and not hundreds of
/// enable= overlays; the bodies are in the stills, so each overlay is a small rectangle).
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

    public static IReadOnlyList<string> Arguments(VideoInputs inputs, string output, FrameRateMode mode = FrameRateMode.Vfr)
    {
        var size = string.Create(CultureInfo.InvariantCulture, $"{inputs.Width}:{inputs.Height}");
        List<string> args =
        [
            "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-nostats",
            "-progress", "pipe:1", "-stats_period", "0.5",
            "-f", "concat", "-safe", "0", "-i", inputs.ConcatScript,
            "-i", inputs.NarrationWav,
        ];
        foreach (var overlay in inputs.Overlays)
        {
            args.AddRange(["-f", "concat", "-safe", "0", "-i", overlay.ConcatScript]);
        }

        var bgmInput = 2 + inputs.Overlays.Count;
        if (inputs.Bgm is { } bgm)
        {
            args.AddRange(["-stream_loop", "-1", "-i", bgm.Path]);
        }

        var graph = new List<string>();
        var scale = $"scale={size}:flags=bicubic,setsar=1,format=yuv420p";
        if (inputs.Overlays.Count == 0)
        {
            graph.Add($"[0:v]{scale}[v]");
        }
        else
        {
            graph.Add(string.Create(CultureInfo.InvariantCulture, $"[0:v]{scale},fps={CharacterTrack.FramesPerSecond}[s0]"));
            for (var i = 0; i < inputs.Overlays.Count; i++)
            {
                var o = inputs.Overlays[i];
                var last = i == inputs.Overlays.Count - 1;

                // The still stream is resampled to the character frame rate and the sprites laid
                // over it; frames identical to the one before are then dropped (mpdecimate), so
                // the encoder sees only real changes. The closing fade keeps the last frames
                // distinct, so the picture lasts to the very end.
                var tail = last
                    ? string.Create(CultureInfo.InvariantCulture,
                        $",fade=t=out:st={Math.Max(0, inputs.TotalSeconds - EndFadeSeconds):0.###}:d={EndFadeSeconds:0.###},mpdecimate=hi=64:lo=64:frac=0[v]")
                    : $"[s{i + 1}]";
                graph.Add(string.Create(CultureInfo.InvariantCulture,
                    $"[s{i}][{i + 2}:v]overlay=x={o.X}:y={o.Y}:format=yuv420:eof_action=repeat{tail}"));
            }
        }

        var audio = "1:a:0";
        if (inputs.Bgm is { } music)
        {
            var t = inputs.TotalSeconds;
            graph.Add(string.Create(CultureInfo.InvariantCulture,
                $"[{bgmInput}:a]aformat=sample_fmts=fltp:channel_layouts=mono,atrim=duration={t:0.###},volume={music.Volume:0.###},afade=t=in:d={BgmFadeSeconds:0.#},afade=t=out:st={Math.Max(0, t - BgmFadeSeconds):0.###}:d={BgmFadeSeconds:0.#}[bgm]"));
            graph.Add("[1:a][bgm]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[a]");
            audio = "[a]";
        }

        args.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[v]", "-map", audio]);
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

    /// <summary>The fade to black that ends a video with characters.</summary>
    public const double EndFadeSeconds = 0.4;

    /// <summary>BGM fades in at the start and out at the end over this long.</summary>
    public const double BgmFadeSeconds = 2.5;

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
