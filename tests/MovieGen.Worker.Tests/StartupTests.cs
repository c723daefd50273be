using MovieGen.Testing;
namespace MovieGen.Worker.Tests;

public sealed class StartupTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Theory]
    [InlineData("MAX_CONCURRENT_JOBS", "0")]
    [InlineData("MAX_CONCURRENT_JOBS", "lots")]
    [InlineData("WORKER_POLL_INTERVAL", "-1")]
    [InlineData("CLEANUP_CRON", "every ten minutes")]
    [InlineData("JOB_EXPIRATION_HOURS", "0")]
    [InlineData("POCKETBASE_URL", "not a url")]
    [InlineData("WORKER_METRICS_ADDRESS", "everywhere")]
    [InlineData("CHARACTERS", "sometimes")]
    [InlineData("CHARACTER_DIR", "/nonexistent/character-pack")]
    [InlineData("BGM_PATH", "/nonexistent/music.mp3")]
    [InlineData("S3_BUCKET", "videos")]
    [InlineData("SHUTDOWN_GRACE_SECONDS", "soon")]
    [InlineData("SHUTDOWN_GRACE_SECONDS", "-5")]
    public async Task A_bad_setting_stops_the_worker_with_a_message_naming_it(string name, string value)
    {
        await using var worker = AppProcess.Start("bad", stack.WorkerEnvironment(new Dictionary<string, string> { [name] = value }));

        await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Reported as a setting (not a crash's stack trace, which would name it too).
        worker.ExitCode.ShouldBe(SettingsErrors.ExitCode, worker.Log);
        worker.Log.ShouldContain("MovieGen.Worker cannot start, a setting is invalid:");
        worker.Lines.ShouldContain(line => line.StartsWith("  - ", StringComparison.Ordinal) && line.Contains(name, StringComparison.Ordinal), worker.Log);
    }

    [Fact]
    public async Task A_broken_character_pack_stops_the_worker_with_the_missing_file_named()
    {
        var pack = Repo.NewTempDirectory("brokenpack");
        try
        {
            Directory.CreateDirectory(Path.Combine(pack, "zundamon"));
            await File.WriteAllTextAsync(Path.Combine(pack, "zundamon", "manifest.json"), """{"side": "left", "anchor": [1, 1], "scale": 1, "subtitle_color": "#00AA00"}""");
            await using var worker = AppProcess.Start("pack", stack.WorkerEnvironment(new Dictionary<string, string> { ["CHARACTER_DIR"] = pack }));

            await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

            worker.ExitCode.ShouldNotBe(0);
            worker.Log.ShouldContain(Path.Combine(pack, "zundamon", "base.svg"));
        }
        finally
        {
            Directory.Delete(pack, recursive: true);
        }
    }

    [Fact]
    public async Task The_development_admin_password_is_refused_in_production()
    {
        await using var worker = AppProcess.Start("prod", stack.WorkerEnvironment(new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["POCKETBASE_ADMIN_PASSWORD"] = "moviegen-dev-password",
        }));

        await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        worker.ExitCode.ShouldNotBe(0);
        worker.Log.ShouldContain("POCKETBASE_ADMIN_PASSWORD");
    }

    [Fact]
    public async Task A_started_worker_says_it_is_waiting_for_jobs()
    {
        var worker = await stack.StartWorkerAsync("hello");

        worker.Log.ShouldContain("Worker hello waiting for jobs");
    }

    [Fact]
    public async Task Metrics_listen_on_loopback_only_by_default()
    {
        var port = FreePort.Next();
        await stack.StartWorkerAsync("metrics-default", new Dictionary<string, string> { ["WORKER_METRICS_PORT"] = $"{port}" });
        await Eventually.TrueAsync(() => ListeningAddressesOf(port).Count > 0, TimeSpan.FromSeconds(10), "the metrics port is open");

        ListeningAddressesOf(port).ShouldBe(["127.0.0.1"]);
        using var http = new HttpClient();
        (await http.GetStringAsync($"http://127.0.0.1:{port}/metrics")).ShouldContain("# TYPE ");
    }

    [Fact]
    public async Task Metrics_listen_on_every_interface_only_when_configured()
    {
        var port = FreePort.Next();
        await stack.StartWorkerAsync("metrics-open", new Dictionary<string, string>
        {
            ["WORKER_METRICS_PORT"] = $"{port}",
            ["WORKER_METRICS_ADDRESS"] = "0.0.0.0",
        });
        await Eventually.TrueAsync(() => ListeningAddressesOf(port).Count > 0, TimeSpan.FromSeconds(10), "the metrics port is open");

        ListeningAddressesOf(port).ShouldAllBe(a => a == "0.0.0.0" || a == "::");
    }

    /// <summary>The local addresses of the sockets listening on a TCP port, from the kernel's tables.</summary>
    private static List<string> ListeningAddressesOf(int port)
    {
        const string Listen = "0A";
        var addresses = new List<string>();
        foreach (var (table, v6) in new[] { ("/proc/net/tcp", false), ("/proc/net/tcp6", true) })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] != Listen || Convert.ToInt32(local[1], 16) != port)
                {
                    continue;
                }

                var bytes = Convert.FromHexString(local[0]);
                if (!v6)
                {
                    Array.Reverse(bytes);
                }
                else
                {
                    // /proc prints IPv6 as four little-endian 32-bit words.
                    for (var w = 0; w < 16; w += 4)
                    {
                        Array.Reverse(bytes, w, 4);
                    }
                }

                addresses.Add(new System.Net.IPAddress(bytes).ToString());
            }
        }

        return addresses;
    }
}
