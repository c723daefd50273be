using System.Diagnostics;
using MovieGen.Cli;
using MovieGen.Pipeline.Processes;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Tests.Runner;
using MovieGen.Pipeline.Tests.Video;
using MovieGen.Testing;
using Spectre.Console;

namespace MovieGen.Pipeline.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string dir = Repo.NewTempDirectory("cli");
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public void Dispose()
    {
        stdout.Dispose();
        stderr.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Generate_on_a_script_file_makes_the_mp4_and_exits_0()
    {
        var script = await WriteScriptAsync(TestScripts.Japanese(sections: 2, linesPerSection: 2));
        var output = Path.Combine(dir, "out");

        var exit = await RunAsync("generate", script, "-o", output);

        exit.ShouldBe(ExitCodes.Ok, stderr.ToString());
        var info = await MediaProbe.ProbeAsync(Path.Combine(output, "output.mp4"));
        (info.VideoCodec, info.Width).ShouldBe(("h264", 1280));
        stdout.ToString().ShouldContain("音声を生成中 (4/4)");
        stdout.ToString().ShouldContain("output.mp4");
    }

    [Theory]
    [InlineData]
    [InlineData("generate")]
    [InlineData("generate", "https://example.com/a", "--bogus")]
    [InlineData("generate", "/nonexistent/script.yaml")]
    [InlineData("generate", "ftp://example.com/a")]
    [InlineData("generate", "https://example.com/a", "--lang", "fr")]
    [InlineData("frobnicate")]
    [InlineData("extract")]
    [InlineData("extract", "not-a-url")]
    [InlineData("script", "validate")]
    public async Task Bad_arguments_exit_2_with_a_message(params string[] args)
    {
        var exit = await RunAsync(args);

        exit.ShouldBe(ExitCodes.Usage);
        stderr.ToString().ShouldStartWith("moviegen: ");
    }

    [Fact]
    public async Task Script_validate_lists_the_problems_of_a_broken_file_and_exits_1()
    {
        var path = Path.Combine(dir, "broken.yaml");
        await File.WriteAllTextAsync(path, "title: ''\nsections:\n  - title: 導入\n    narrations: []\n");

        var exit = await RunAsync("script", "validate", path);

        exit.ShouldBe(ExitCodes.Failed);
        stderr.ToString().ShouldContain("title is empty");
        stderr.ToString().ShouldContain("sections[0].narrations");
    }

    [Fact]
    public async Task Script_validate_reports_a_yaml_syntax_error_and_exits_1()
    {
        var path = Path.Combine(dir, "syntax.yaml");
        await File.WriteAllTextAsync(path, "title: [unclosed\nsections: {\n");

        var exit = await RunAsync("script", "validate", path);

        exit.ShouldBe(ExitCodes.Failed);
        stderr.ToString().ShouldContain("syntax.yaml");
    }

    [Fact]
    public async Task Script_validate_accepts_a_good_file()
    {
        var exit = await RunAsync("script", "validate", await WriteScriptAsync(TestScripts.Japanese()));

        exit.ShouldBe(ExitCodes.Ok, stderr.ToString());
        stdout.ToString().ShouldContain("is valid");
    }

    [Theory]
    [InlineData("VIDEO_RESOLUTION: 640x480", "  - VIDEO_RESOLUTION must be 1280x720 or 1920x1080")]
    [InlineData("ALLOW_PRIVATE_URLS: perhaps", "  - Failed to convert configuration value 'perhaps' at 'ALLOW_PRIVATE_URLS'")]
    public async Task A_bad_setting_in_the_config_file_exits_2_naming_the_setting(string line, string expected)
    {
        var config = Path.Combine(dir, "config.yaml");
        await File.WriteAllTextAsync(config, line + "\n");

        var exit = await RunAsync("generate", await WriteScriptAsync(TestScripts.Japanese()), "-o", Path.Combine(dir, "o"), "--config", config);

        exit.ShouldBe(ExitCodes.Usage);
        stderr.ToString().ShouldContain("moviegen cannot start, a setting is invalid:");
        stderr.ToString().ShouldContain(expected);
    }

    [Fact]
    public async Task The_config_file_overrides_the_environment()
    {
        var config = Path.Combine(dir, "config.yaml");
        await File.WriteAllTextAsync(config, "VIDEO_RESOLUTION: 1920x1080\n");
        var output = Path.Combine(dir, "hd");

        var exit = await RunAsync(["generate", await WriteScriptAsync(TestScripts.Japanese(sections: 1, linesPerSection: 1)), "-o", output, "--config", config],
            environment: new Dictionary<string, string?> { ["VIDEO_RESOLUTION"] = "1280x720" });

        exit.ShouldBe(ExitCodes.Ok, stderr.ToString());
        (await MediaProbe.ProbeAsync(Path.Combine(output, "output.mp4"))).Width.ShouldBe(1920);
    }

    [Fact]
    public async Task A_pipeline_failure_exits_1_naming_the_step()
    {
        var config = Path.Combine(dir, "config.yaml");
        await File.WriteAllTextAsync(config, "ESPEAK_PATH: /nonexistent/espeak-ng\n");

        var exit = await RunAsync("generate", await WriteScriptAsync(TestScripts.Japanese()), "-o", Path.Combine(dir, "o"), "--config", config);

        exit.ShouldBe(ExitCodes.Failed);
        stderr.ToString().ShouldContain("failed at audio");
    }

    [Fact]
    public async Task Extract_prints_the_article_as_json()
    {
        using var site = WireMock.Server.WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort.Next()}"] });
        site.Given(WireMock.RequestBuilders.Request.Create().WithPath("/post").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "text/html; charset=utf-8").WithBody(
                "<html lang=\"ja\"><head><title>WALの話</title></head><body><article><h1>WALの話</h1>" +
                string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>{i}つ目の段落です。SQLiteのWALモードでは、変更はまずWALファイルに追記され、読み込みは書き込みを待たずに進みます。</p>")) +
                "</article></body></html>"));

        var exit = await RunAsync(["extract", $"{site.Url}/post"], environment: new Dictionary<string, string?> { ["ALLOW_PRIVATE_URLS"] = "true" });

        exit.ShouldBe(ExitCodes.Ok, stderr.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(stdout.ToString());
        json.RootElement.GetProperty("title").GetString().ShouldBe("WALの話");
        json.RootElement.GetProperty("language").GetString().ShouldBe("ja");
        json.RootElement.GetProperty("text").GetString()!.ShouldContain("WALファイルに追記");
    }

    [Fact]
    public async Task Extract_of_a_private_address_is_refused_unless_allowed()
    {
        using var site = WireMock.Server.WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort.Next()}"] });

        var exit = await RunAsync(["extract", $"{site.Url}/post"], environment: new Dictionary<string, string?>());

        exit.ShouldBe(ExitCodes.Failed);
        site.LogEntries.ShouldBeEmpty("the guard refuses before connecting");
    }

    [Fact]
    public async Task Ctrl_c_stops_the_real_program_with_exit_130_and_no_ffmpeg_left_behind()
    {
        var slowFfmpeg = Path.Combine(dir, "ffmpeg-realtime");
        await File.WriteAllTextAsync(slowFfmpeg, "#!/bin/sh\nexec ffmpeg -re \"$@\"\n");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(slowFfmpeg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var config = Path.Combine(dir, "config.yaml");
        await File.WriteAllTextAsync(config, $"FFMPEG_PATH: {slowFfmpeg}\n");
        var output = Path.Combine(dir, "interrupted");
        var cli = CliAssembly();
        // SIGINT at its default, as under a terminal (a test host started in the background inherits
        // it ignored, and .NET then leaves it so).
        var run = ProcessRunner.RunAsync(new ProcessSpec("env",
            ["--default-signal=INT", "dotnet", cli, "generate", await WriteScriptAsync(TestScripts.Japanese(sections: 2, linesPerSection: 3)), "-o", output, "--config", config],
            TimeSpan.FromMinutes(2)), CancellationToken.None);

        await Eventually.ReturnsAsync(() => Task.FromResult(ChildProcesses.Related(output, "ffmpeg")), found => found.Count > 0 || run.IsCompleted,
            TimeSpan.FromSeconds(60), "ffmpeg is encoding");
        run.IsCompleted.ShouldBeFalse("the program is still running");
        var program = ChildProcesses.Related(output, "dotnet").Single(p => p.CommandLine.Contains("moviegen.dll", StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("kill", ["-INT", program.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(10)), CancellationToken.None);
        var result = await run;
        clock.Stop();

        result.ExitCode.ShouldBe(ExitCodes.Cancelled, result.StandardError);
        result.StandardError.ShouldContain("cancelled");
        clock.Elapsed.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        ChildProcesses.Related(output, "ffmpeg").ShouldBeEmpty();
        File.Exists(Path.Combine(output, "output.mp4")).ShouldBeFalse();
    }

    /// <summary>The CLI's own build output (artifacts/bin/MovieGen.Cli/&lt;config&gt;/): the copy beside
    /// the tests runs against the test host's frameworks and lacks assemblies the CLI needs.</summary>
    private static string CliAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var path = Path.Combine(testOutput.Parent!.Parent!.FullName, "MovieGen.Cli", testOutput.Name, "moviegen.dll");
        File.Exists(path).ShouldBeTrue($"the CLI is built at {path}");
        return path;
    }

    private Task<int> RunAsync(params string[] args) => RunAsync(args, environment: null);

    private Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? environment)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        return MovieGenCli.RunAsync(args, console, stderr, CancellationToken.None, environment);
    }

    private async Task<string> WriteScriptAsync(VideoScript script)
    {
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.yaml");
        await ScriptYaml.SaveAsync(script, path);
        return path;
    }
}
