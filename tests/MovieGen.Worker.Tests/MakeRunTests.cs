using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MovieGen.Testing;

namespace MovieGen.Worker.Tests;

/// <summary><c>make run</c>'s supervisor (scripts/run.sh) with real processes: PocketBase, the API
/// and a worker on free ports and temporary data, in their own process group as a terminal would
/// run them, so a test can kill one component or press "Ctrl-C" (SIGINT to the group).</summary>
public sealed class MakeRunTests : IDisposable
{
    private readonly ArticleSite site = new();
    /// <summary>How long a component may take to start: tens of seconds for a .NET program while
    /// the other test projects load a 2-core machine.</summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private readonly string root = Repo.NewTempDirectory("make-run");

    [Fact]
    public async Task A_worker_killed_with_signal_9_is_restarted_the_site_stays_up_and_the_next_job_completes()
    {
        await using var run = await RunScript.StartAsync(root);
        var firstWorker = run.Component("MovieGen.Worker.dll").ShouldNotBeNull();
        var api = run.Component("MovieGen.Api.dll").ShouldNotBeNull();
        var pocketBase = run.Component("pocketbase").ShouldNotBeNull();

        Signals.Send(firstWorker, Signals.Kill).ShouldBe(0);

        await run.WaitForLogAsync("[run] worker exited (killed by signal 9); restarting in 1 s");
        await run.WaitForLogAsync("[run] worker restarted");
        await Eventually.TrueAsync(() => run.Log.Split('\n').Count(l => l.Contains("waiting for jobs", StringComparison.Ordinal)) == 2,
            StartDeadline, "the new worker waits for jobs");
        run.Component("MovieGen.Api.dll").ShouldBe(api);
        run.Component("pocketbase").ShouldBe(pocketBase);
        run.Component("MovieGen.Worker.dll").ShouldNotBe(firstWorker);

        using var http = new HttpClient { BaseAddress = run.ApiBase };
        (await http.GetAsync("healthz")).IsSuccessStatusCode.ShouldBeTrue();
        using var created = await http.PostAsJsonAsync("api/jobs", new { url = site.SmallJa(1) });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var view = await Eventually.ReturnsAsync(() => http.GetFromJsonAsync<JsonElement>($"api/jobs/{id}"),
            v => v.GetProperty("status").GetString() is "completed" or "failed", TimeSpan.FromSeconds(120), "the job finished", TimeSpan.FromMilliseconds(200));
        view.GetProperty("status").GetString().ShouldBe("completed", view.ToString());
    }

    [Fact]
    public async Task Ctrl_C_stops_every_component_and_leaves_nothing_behind()
    {
        await using var run = await RunScript.StartAsync(root);
        run.Members().Count.ShouldBeGreaterThanOrEqualTo(3);

        run.Signal(Signals.Interrupt);

        await run.WaitForExitAsync(TimeSpan.FromSeconds(30));
        run.Log.ShouldContain("[run] stopped");
        run.Log.ShouldNotContain("restarting");
        await Eventually.TrueAsync(() => run.Members().Count == 0, TimeSpan.FromSeconds(10), "no process of the run is left");
    }

    [Fact]
    public async Task A_worker_that_keeps_failing_at_start_is_given_up_on_with_a_message_and_the_run_stops()
    {
        // MAX_CONCURRENT_JOBS=0 is refused by the worker alone: it exits at every start.
        await using var run = await RunScript.StartAsync(root, ("MAX_CONCURRENT_JOBS", "0"), ("RUN_GIVE_UP_AFTER", "3"));

        await run.WaitForExitAsync(TimeSpan.FromSeconds(90));

        run.ExitCode.ShouldNotBe(0);
        run.Log.ShouldContain("[run] worker exited (code ");
        run.Log.ShouldContain("restarting in 1 s");
        run.Log.ShouldContain("restarting in 2 s");
        run.Log.ShouldContain("it failed 3 times in a row");
        run.Log.ShouldContain("MAX_CONCURRENT_JOBS");
        await Eventually.TrueAsync(() => run.Members().Count == 0, TimeSpan.FromSeconds(10), "PocketBase and the API are stopped too");
    }

    public void Dispose()
    {
        site.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: temp dir
        }
    }

    /// <summary>scripts/run.sh all, as <c>make run</c> runs it, in a new session (its own process group).</summary>
    private sealed class RunScript : IAsyncDisposable
    {
        private readonly Process process;
        private readonly List<string> lines = [];

        private RunScript(Process process, Uri apiBase)
        {
            this.process = process;
            ApiBase = apiBase;
        }

        public Uri ApiBase { get; }

        public int ExitCode => process.ExitCode;

        public string Log
        {
            get
            {
                lock (lines)
                {
                    return string.Join('\n', lines);
                }
            }
        }

        public static async Task<RunScript> StartAsync(string root, params (string Key, string Value)[] overrides)
        {
            var envFile = Path.Combine(root, "env");
            File.Copy(Repo.Path(".env.example"), envFile, overwrite: true);
            var pocketBase = $"http://127.0.0.1:{FreePort.Next()}";
            var api = $"http://127.0.0.1:{FreePort.Next()}";
            // SIGINT at its default, as under a terminal: a test host started in the background
            // inherits it ignored, and bash cannot trap a signal ignored on entry.
            var psi = new ProcessStartInfo("setsid", ["env", "--default-signal=INT", Repo.Path("scripts", "run.sh"), "all"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = Repo.Root,
            };
            psi.Environment["MOVIEGEN_ENV_FILE"] = envFile;
            psi.Environment["POCKETBASE_URL"] = pocketBase;
            psi.Environment["POCKETBASE_PUBLIC_URL"] = pocketBase;
            psi.Environment["API_URL"] = api;
            psi.Environment["PB_DATA_DIR"] = Path.Combine(root, "pb");
            psi.Environment["JOB_DATA_DIR"] = Path.Combine(root, "jobs");
            psi.Environment["WORKER_METRICS_PORT"] = "0";
            psi.Environment.Remove("MOVIEGEN_ENV_LOADED");
            foreach (var (key, value) in overrides)
            {
                psi.Environment[key] = value;
            }

            var run = new RunScript(Process.Start(psi)!, new Uri(api + "/"));
            run.process.OutputDataReceived += (_, e) => run.Append(e.Data);
            run.process.ErrorDataReceived += (_, e) => run.Append(e.Data);
            run.process.BeginOutputReadLine();
            run.process.BeginErrorReadLine();
            try
            {
                await Eventually.TrueAsync(() => run.Log.Contains("[run] MovieGen is up", StringComparison.Ordinal) || run.process.HasExited,
                    TimeSpan.FromSeconds(90), "make run says the stack is up");
                return run;
            }
            catch
            {
                await run.DisposeAsync();
                throw;
            }
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }

        public Task WaitForLogAsync(string fragment) =>
            Eventually.TrueAsync(() => Log.Contains(fragment, StringComparison.Ordinal), StartDeadline, $"the run logs \"{fragment}\"");

        public async Task WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cts.Token);
        }

        /// <summary>Sends a signal to the whole process group, as a terminal does for Ctrl-C.</summary>
        public void Signal(int signal) => Signals.Send(-process.Id, signal).ShouldBe(0);

        /// <summary>Live (non-zombie) processes of the run's process group.</summary>
        public List<ProcessTable.Entry> Members()
        {
            var members = new List<ProcessTable.Entry>();
            foreach (var entry in ProcessTable.All())
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{entry.Pid}/stat");
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (fields[2] == process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    {
                        members.Add(entry);
                    }
                }
                catch (IOException)
                {
                    // gone meanwhile
                }
            }

            return members;
        }

        /// <summary>The pid of the group's process whose command line mentions <paramref name="program"/>.</summary>
        public int? Component(string program) =>
            Members().Where(m => m.CommandLine.Contains(program, StringComparison.Ordinal) && m.Name != "sed").Select(m => (int?)m.Pid).SingleOrDefault();

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                _ = Signals.Send(-process.Id, Signals.Terminate);
                try
                {
                    await WaitForExitAsync(TimeSpan.FromSeconds(20));
                }
                catch (OperationCanceledException)
                {
                    _ = Signals.Send(-process.Id, Signals.Kill);
                }
            }

            foreach (var member in Members())
            {
                _ = Signals.Send(member.Pid, Signals.Kill);
            }

            process.Dispose();
        }
    }
}
