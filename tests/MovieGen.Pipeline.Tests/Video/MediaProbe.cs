using System.Globalization;
using System.Text.Json;
using MovieGen.Pipeline.Processes;

namespace MovieGen.Pipeline.Tests.Video;

/// <summary>What ffprobe says about a video file.</summary>
public sealed record MediaInfo(double Duration, string? VideoCodec, string? AudioCodec, int Width, int Height, string? PixelFormat, int VideoFrames);

/// <summary>ffprobe and frame extraction with the real tools (through ProcessRunner, like everything else).</summary>
public static class MediaProbe
{
    public static async Task<MediaInfo> ProbeAsync(string path)
    {
        var result = await ProcessRunner.RunCheckedAsync(new ProcessSpec("ffprobe",
            ["-v", "error", "-count_packets", "-show_entries", "stream=codec_type,codec_name,width,height,pix_fmt,nb_read_packets:format=duration",
                "-of", "json", path],
            TimeSpan.FromSeconds(30)), CancellationToken.None);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var streams = json.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "video");
        var audio = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "audio");
        var hasVideo = video.ValueKind == JsonValueKind.Object;
        return new MediaInfo(
            double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture),
            hasVideo ? video.GetProperty("codec_name").GetString() : null,
            audio.ValueKind == JsonValueKind.Object ? audio.GetProperty("codec_name").GetString() : null,
            hasVideo ? video.GetProperty("width").GetInt32() : 0,
            hasVideo ? video.GetProperty("height").GetInt32() : 0,
            hasVideo ? video.GetProperty("pix_fmt").GetString() : null,
            hasVideo ? int.Parse(video.GetProperty("nb_read_packets").GetString()!, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>The frame a player shows at <paramref name="seconds"/>, as a PNG. A plain input
    /// seek (<c>-ss t -i</c>) would drop the still that started before t and return the next one,
    /// so the video is first resampled to 25 fps (each still repeated, as a player shows it) and
    /// the seek happens on that output.</summary>
    public static async Task<string> ExtractFrameAsync(string video, double seconds, string outputPng)
    {
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("ffmpeg",
            ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", video, "-vf", "fps=25",
                "-ss", seconds.ToString("0.###", CultureInfo.InvariantCulture), "-frames:v", "1", outputPng],
            TimeSpan.FromSeconds(30)), CancellationToken.None);
        return outputPng;
    }

    /// <summary>The frames a player shows from <paramref name="from"/> for <paramref name="seconds"/>,
    /// sampled at <paramref name="fps"/>, as PNGs in <paramref name="directory"/> (in order).</summary>
    public static async Task<IReadOnlyList<string>> ExtractFramesAsync(string video, double from, double seconds, int fps, string directory)
    {
        Directory.CreateDirectory(directory);
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("ffmpeg",
            ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", video,
                "-vf", string.Create(CultureInfo.InvariantCulture, $"fps={fps}"),
                "-ss", from.ToString("0.###", CultureInfo.InvariantCulture), "-t", seconds.ToString("0.###", CultureInfo.InvariantCulture),
                Path.Combine(directory, "f_%04d.png")],
            TimeSpan.FromSeconds(60)), CancellationToken.None);
        return Directory.GetFiles(directory, "f_*.png").Order(StringComparer.Ordinal).ToList();
    }
}
