using System.Diagnostics;
using System.Text.Json;

namespace MovieGen.Testing;

/// <summary>What ffprobe says about a video file.</summary>
public sealed record VideoProbe(string VideoCodec, string AudioCodec, int Width, int Height, double Duration)
{
    public static async Task<VideoProbe> ReadAsync(string path)
    {
        var psi = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-v", "error", "-print_format", "json", "-show_streams", "-show_format", path })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var json = await p.StandardOutput.ReadToEndAsync();
        var errors = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffprobe rejected {path}: {errors}");
        }

        using var doc = JsonDocument.Parse(json);
        var streams = doc.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.First(s => s.GetProperty("codec_type").GetString() == "video");
        var audio = streams.First(s => s.GetProperty("codec_type").GetString() == "audio");
        return new VideoProbe(
            video.GetProperty("codec_name").GetString()!,
            audio.GetProperty("codec_name").GetString()!,
            video.GetProperty("width").GetInt32(),
            video.GetProperty("height").GetInt32(),
            double.Parse(doc.RootElement.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
