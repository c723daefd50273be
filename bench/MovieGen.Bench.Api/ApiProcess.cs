using System.Diagnostics;
using MovieGen.Testing;

namespace MovieGen.Bench.Api;

/// <summary>The API as `make run` starts it (<c>dotnet MovieGen.Api.dll --urls …</c>), from its own
/// build output, with the given settings in its environment.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;

    private ApiProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }

    public static string Dll
    {
        get
        {
            var benchDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            return Path.Combine(benchDir.Parent!.Parent!.FullName, "MovieGen.Api", benchDir.Name, "MovieGen.Api.dll");
        }
    }

    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[api] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {process.ExitCode}.");
            }

            using var response = await http.GetAsync($"{url}/readyz");
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(30), "the API is ready");
        return new ApiProcess(process, url);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
