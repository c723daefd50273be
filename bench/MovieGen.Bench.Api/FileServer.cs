using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MovieGen.Testing;

namespace MovieGen.Bench.Api;

/// <summary>The delivery benchmark's baseline: one file served from a local disk by ASP.NET's file
/// result (ranges, ETag, Last-Modified — what the API used before videos moved to PocketBase), in a
/// process of its own like the API: this program started again with <c>--serve-file PATH --urls URL</c>.</summary>
public sealed class FileServer(AppProcess process, string url) : IAsyncDisposable
{
    public string Url { get; } = url;

    public static async Task<FileServer> StartAsync(string path)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var process = AppProcess.Start("MovieGen.Bench.Api", "file-server", new Dictionary<string, string>(), "--serve-file", path, "--urls", url);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the file server exited: {process.Log}");
            }

            try
            {
                return (await http.GetAsync($"{url}/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the file server answers");
        return new FileServer(process, url);
    }

    /// <summary>The child process's whole program.</summary>
    public static async Task<int> RunAsync(string path, string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var file = new FileInfo(path);
        app.MapGet("/healthz", () => "ok");
        app.MapMethods("/video", ["GET", "HEAD"], () => Results.File(file.FullName, "video/mp4", lastModified: file.LastWriteTimeUtc,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\""), enableRangeProcessing: true));
        await app.RunAsync();
        return 0;
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
