using System.Diagnostics;
using MovieGen.Api.Settings;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Operations;

/// <summary>The API as `make run` starts it: the built program with settings in its environment.</summary>
public sealed class SettingsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string?> Valid(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["POCKETBASE_URL"] = "http://127.0.0.1:1",
            ["POCKETBASE_PUBLIC_URL"] = "http://127.0.0.1:1",
            ["POCKETBASE_ADMIN_EMAIL"] = "admin@moviegen.test",
            ["POCKETBASE_ADMIN_PASSWORD"] = "a-long-secret-password",
            ["IP_HASH_KEY"] = "a-long-secret-hash-key",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Process Start(Dictionary<string, string?> settings, string environment, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MovieGen.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        return Process.Start(start)!;
    }

    private static async Task<(int ExitCode, string Errors, string Output)> RunToExitAsync(Dictionary<string, string?> settings, string environment = "Development")
    {
        using var process = Start(settings, environment, FreePort.Next());
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException($"The API did not stop within {Deadline.TotalSeconds} s: {await output}");
        }

        return (process.ExitCode, await errors, await output);
    }

    public static TheoryData<(string Key, string Value)[]> InvalidSettings => new()
    {
        // Every options class reports its problems at once, so one start shows all of them...
        new[]
        {
            ("RATE_LIMIT_PER_DAY", "0"), ("RATE_LIMIT_PER_MINUTE", "-1"), ("MAX_QUEUE_SIZE", "0"),
            ("TRUSTED_PROXIES", "10.0.0.1, proxy.internal"), ("IP_HASH_KEY", "short"),
            ("POCKETBASE_PUBLIC_URL", "ftp://127.0.0.1:8090"), ("VOICEVOX_URL", "localhost:50021"),
            ("JOB_EXPIRATION_HOURS", "0"), ("POCKETBASE_ADMIN_EMAIL", "not-an-email"),
        },
        new[] { ("TRUSTED_PROXIES", "10.0.0.0/99"), ("IP_HASH_KEY", ""), ("POCKETBASE_PUBLIC_URL", "not a url") },
        // ...but a value that is not even of the right type stops binding at the first one.
        new[] { ("RATE_LIMIT_PER_DAY", "five") },
        new[] { ("ALLOW_PRIVATE_URLS", "perhaps") },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task Invalid_settings_stop_the_program_with_a_message_naming_each_one((string Key, string Value)[] invalid)
    {
        var (exitCode, errors, output) = await RunToExitAsync(Valid([.. invalid.Select(s => (s.Key, (string?)s.Value))]));

        exitCode.ShouldBe(2, errors);
        errors.ShouldContain("MovieGen.Api cannot start, a setting is invalid:");
        var lines = errors.Split('\n').Where(line => line.StartsWith("  - ", StringComparison.Ordinal)).ToList();
        foreach (var (key, _) in invalid)
        {
            lines.ShouldContain(line => line.Contains(key), $"a line naming {key} in: {errors}");
        }

        output.ShouldNotContain("Now listening");
    }

    [Fact]
    public async Task In_production_the_development_ip_hash_key_and_admin_password_are_refused()
    {
        var (exitCode, errors, _) = await RunToExitAsync(
            Valid(("IP_HASH_KEY", ProductionSecrets.DevIpHashKey), ("POCKETBASE_ADMIN_PASSWORD", "moviegen-dev-password")), "Production");

        exitCode.ShouldBe(2, errors);
        errors.ShouldContain("  - IP_HASH_KEY is the development key");
        errors.Split('\n').ShouldContain(line => line.StartsWith("  - POCKETBASE_ADMIN_PASSWORD"), errors);
    }

    [Theory]
    [InlineData("Production", "a-long-secret-hash-key", "a-long-secret-password")]
    [InlineData("Development", ProductionSecrets.DevIpHashKey, "moviegen-dev-password")]
    public async Task Valid_settings_start_the_program(string environment, string hashKey, string password)
    {
        var port = FreePort.Next();
        using var process = Start(Valid(("IP_HASH_KEY", hashKey), ("POCKETBASE_ADMIN_PASSWORD", password)), environment, port);
        var errors = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new StopWaitingException($"The API exited ({process.ExitCode}): {await errors}");
                }

                using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                return response.StatusCode == HttpStatusCode.OK;
            }, Deadline, "the API answers /healthz");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
