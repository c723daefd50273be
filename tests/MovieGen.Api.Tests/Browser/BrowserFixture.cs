using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Browser;

/// <summary>The API on real Kestrel (127.0.0.1) with a real PocketBase, and Debian's Chromium driven
/// by Playwright: once for all browser tests. A second API instance gives browsers a PocketBase
/// public URL where nothing listens, to exercise the polling fallback.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public ApiFixture Backend { get; } = new();

    public string LiveUrl { get; private set; } = "";

    /// <summary>The API instance behind <see cref="LiveUrl"/>, for looking at its state when a test fails.</summary>
    public ApiFactory LiveApi { get; private set; } = null!;

    public string NoRealtimeUrl { get; private set; } = "";

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A real 2-second H.264/AAC MP4, made once with ffmpeg.</summary>
    public string SampleVideo { get; private set; } = "";

    public static string ScreenshotDir => Repo.Path("TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        await Backend.InitializeAsync();
        var makeVideo = MakeSampleVideoAsync();
        LiveApi = Backend.Api();
        LiveUrl = StartOnKestrel(LiveApi);
        NoRealtimeUrl = StartOnKestrel(Backend.Api(("POCKETBASE_PUBLIC_URL", $"http://127.0.0.1:{FreePort.Next()}")));
        (Playwright, Browser) = await LaunchChromiumAsync();
        await makeVideo;
        Directory.CreateDirectory(ScreenshotDir);
    }

    /// <summary>Debian's Chromium under Playwright, as every browser test drives it.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchChromiumAsync()
    {
        // Expectations wait up to 15 s rather than Playwright's 5: a deadline on a loaded two-core
        // machine, not a speed target (each passes as soon as the page shows what it expects).
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        return (playwright, browser);
    }

    private static string StartOnKestrel(ApiFactory api)
    {
        var port = FreePort.Next();
        api.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        api.StartServer();
        return $"http://127.0.0.1:{port}";
    }

    private async Task MakeSampleVideoAsync()
    {
        SampleVideo = Path.Combine(Backend.TempDir, "sample.mp4");
        var ffmpeg = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc=duration=2:size=320x240:rate=10",
            "-f", "lavfi", "-i", "sine=duration=2",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", SampleVideo,
        })
        {
            ffmpeg.ArgumentList.Add(arg);
        }

        using var process = Process.Start(ffmpeg)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {errors}");
        }
    }

    public async Task<IPage> OpenAsync(string url, string locale = "ja-JP", int width = 1100, int height = 900, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            Locale = locale,
            ViewportSize = new() { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return page;
    }

    /// <summary>Closes every page a test opened, so their event streams and timers do not load the
    /// machine (and the API's subscription) through the tests that follow.</summary>
    public async Task CloseContextsAsync()
    {
        foreach (var context in Browser.Contexts.ToList())
        {
            await context.CloseAsync();
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        await Backend.DisposeAsync();
    }
}
