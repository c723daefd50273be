using System.Diagnostics;

namespace MovieGen.Testing;

/// <summary>One of our programs as a real process (<c>dotnet MovieGen.Worker.dll</c>, the API…),
/// started the way <c>make run</c> starts it, with its log captured, to be killed (SIGKILL),
/// terminated (SIGTERM) and restarted by fault tests.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];

    private AppProcess(Process process, string id)
    {
        this.process = process;
        Id = id;
    }

    public string Id { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return lines.ToArray();
            }
        }
    }

    public string Log => string.Join('\n', Lines);

    public const string Worker = "MovieGen.Worker";
    public const string Api = "MovieGen.Api";

    /// <summary>A program in its own build output, beside the caller's (whatever ArtifactsPath
    /// is). A copy in a test directory cannot run: tests that reference both the worker and the
    /// API get ASP.NET's shared framework in place of packages the worker carries itself.</summary>
    public static string DllOf(string program)
    {
        var ownDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        return Path.Combine(ownDir.Parent!.Parent!.FullName, program, ownDir.Name, program + ".dll");
    }

    /// <summary>Where the API listens, for processes started with <see cref="StartApiAsync"/>
    /// (<c>http://127.0.0.1:port</c>, no trailing slash).</summary>
    public string Url { get; private set; } = "";

    /// <summary>Starts the API on a free loopback port, as <c>make run</c> does, and waits until it answers /healthz.</summary>
    public static async Task<AppProcess> StartApiAsync(string id, IReadOnlyDictionary<string, string> environment)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var api = Start(Api, id, environment, "--urls", url);
        api.Url = url;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (api.HasExited)
                {
                    throw new StopWaitingException($"{id} exited ({api.ExitCode}) at start:\n{api.Log}");
                }

                using var response = await http.GetAsync($"{url}/healthz");
                return response.IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(60), $"{id} answers /healthz");
            return api;
        }
        catch
        {
            await api.DisposeAsync(); // nobody else holds it yet: never leave it running
            throw;
        }
    }

    /// <summary>Starts a worker named <paramref name="id"/>.</summary>
    public static AppProcess Start(string id, IReadOnlyDictionary<string, string> environment) =>
        Start(Worker, id, environment);

    public static AppProcess Start(string program, string id, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(DllOf(program));
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["WORKER_ID"] = id;
        psi.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var worker = new AppProcess(Process.Start(psi)!, id);
        worker.process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker.process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker.process.BeginOutputReadLine();
        worker.process.BeginErrorReadLine();
        return worker;
    }

    public Task WaitForLogAsync(string fragment, TimeSpan timeout) =>
        Eventually.TrueAsync(() =>
        {
            if (process.HasExited && !Lines.Any(l => l.Contains(fragment, StringComparison.Ordinal)))
            {
                throw new StopWaitingException($"{Id} exited ({process.ExitCode}) before logging \"{fragment}\":\n{Log}");
            }

            return Lines.Any(l => l.Contains(fragment, StringComparison.Ordinal));
        }, timeout, $"{Id} logs \"{fragment}\"");

    public Task WaitUntilReadyAsync() => WaitForLogAsync("waiting for jobs", TimeSpan.FromSeconds(30));

    /// <summary>SIGKILL: the process dies on the spot, leaving its jobs and children behind.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: a graceful stop.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            _ = Signals.Send(process.Id, Signals.Terminate);
        }

        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return process.WaitForExitAsync(cts.Token);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
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
