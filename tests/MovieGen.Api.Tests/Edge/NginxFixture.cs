using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;
using MovieGen.Api.Tests.Browser;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Edge;

/// <summary>The production shape on loopback: the real nginx (apt) with the shipped
/// deploy/nginx/moviegen.conf — only its listen ports, upstream ports and certificate paths changed
/// — in front of a real PocketBase and the API process, which trusts nginx (TRUSTED_PROXIES) and
/// tells browsers to reach realtime through it (POCKETBASE_PUBLIC_URL = https://…/pb). A
/// self-signed certificate for 127.0.0.1 is made with openssl; Chromium is told to accept it.</summary>
public sealed class NginxFixture : IAsyncLifetime
{
    public const string IpHashKey = "nginx-tests-ip-hash-key-0123456789";

    private readonly string root = Repo.NewTempDirectory("nginx");
    private Process? nginx;

    public PocketBaseServer PocketBase { get; private set; } = null!;

    public AppProcess Api { get; private set; } = null!;

    public JobStore Store { get; private set; } = null!;

    public PocketBaseClient Client { get; private set; } = null!;

    public int HttpsPort { get; } = FreePort.Next();

    public int HttpPort { get; } = FreePort.Next();

    /// <summary>The public host: https://127.0.0.1:port/ (nginx).</summary>
    public Uri PublicBase => new($"https://127.0.0.1:{HttpsPort}/");

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string NginxLog => File.Exists(Path.Combine(root, "error.log")) ? File.ReadAllText(Path.Combine(root, "error.log")) : "";

    public async Task InitializeAsync()
    {
        PocketBase = await PocketBaseServer.StartNewAsync();
        Client = new PocketBaseClient(PocketBase.Options);
        Store = new JobStore(Client, Microsoft.Extensions.Options.Options.Create(new JobStoreOptions()));

        var env = new Dictionary<string, string>(PocketBase.Settings())
        {
            ["POCKETBASE_PUBLIC_URL"] = $"https://127.0.0.1:{HttpsPort}/pb",
            ["TRUSTED_PROXIES"] = "127.0.0.1",
            ["IP_HASH_KEY"] = IpHashKey,
            ["ALLOW_PRIVATE_URLS"] = "true",
            ["RATE_LIMIT_PER_DAY"] = "5",
        };
        Api = await AppProcess.StartApiAsync("api-behind-nginx", env);
        await StartNginxAsync(new Uri(Api.Url).Port);

        (Playwright, Browser) = await BrowserFixture.LaunchChromiumAsync();
    }

    /// <summary>A client of the public host whose connections come from <paramref name="peer"/>.</summary>
    public HttpClient ClientFrom(string peer) => LoopbackClient.From(peer, PublicBase, acceptAnyCertificate: true);

    /// <summary>A pending job created directly in PocketBase, as the API would.</summary>
    public async Task<Job> NewJobAsync() =>
        ((CreateJobResult.Created)await Store.CreateAsync(
            new NewJob($"https://news.example/nginx/{Guid.NewGuid():N}", KeyOf("192.0.2.1"), "ja"), new JobLimits(1_000_000, 1_000_000), default)).Job;

    /// <summary>Writes fields straight into the record as admin (what the worker's writes amount to).</summary>
    public Task<Job> PatchAsync(string id, object fields) => Client.UpdateRecordAsync<Job>(JobStore.Collection, id, fields, default);

    public async Task<IPage> OpenAsync(string path)
    {
        var context = await Browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(PublicBase, path).ToString());
        return page;
    }

    public static string KeyOf(string address) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(IpHashKey), Encoding.UTF8.GetBytes(address)));

    /// <summary>The shipped server configuration with this machine's ports and certificate: each
    /// replaced line must exist, so a change to the shipped file shows up here.</summary>
    public string RenderShippedConfig(int apiPort, string certificate, string key)
    {
        var config = File.ReadAllText(Repo.Path("deploy", "nginx", "moviegen.conf"));
        var replacements = new (string From, string To)[]
        {
            ("    listen 80;\n", $"    listen 127.0.0.1:{HttpPort};\n"),
            ("    listen [::]:80;\n", ""),
            ("    listen 443 ssl http2;\n", $"    listen 127.0.0.1:{HttpsPort} ssl http2;\n"),
            ("    listen [::]:443 ssl http2;\n", ""),
            ("server 127.0.0.1:8000;", $"server 127.0.0.1:{apiPort};"),
            ("server 127.0.0.1:8090;", $"server 127.0.0.1:{PocketBase.Port};"),
            ("/etc/letsencrypt/live/moviegen.example.com/fullchain.pem", certificate),
            ("/etc/letsencrypt/live/moviegen.example.com/privkey.pem", key),
        };
        foreach (var (from, to) in replacements)
        {
            config.ShouldContain(from, customMessage: "deploy/nginx/moviegen.conf changed shape; update the test's replacements");
            config = config.Replace(from, to, StringComparison.Ordinal);
        }

        return config;
    }

    private async Task StartNginxAsync(int apiPort)
    {
        var certificate = Path.Combine(root, "cert.pem");
        var key = Path.Combine(root, "key.pem");
        await RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate);

        File.WriteAllText(Path.Combine(root, "moviegen.conf"), RenderShippedConfig(apiPort, certificate, key));
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            Directory.CreateDirectory(Path.Combine(root, "temp", temp));
        }

        // nginx's workers run as nobody when the master is root: let them into the temp dirs.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
            foreach (var dir in Directory.GetDirectories(Path.Combine(root, "temp")).Append(Path.Combine(root, "temp")))
            {
                File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
            }
        }

        File.WriteAllText(Path.Combine(root, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log {{root}}/access.log;
                client_body_temp_path {{root}}/temp/client_body;
                proxy_temp_path {{root}}/temp/proxy;
                fastcgi_temp_path {{root}}/temp/fastcgi;
                uwsgi_temp_path {{root}}/temp/uwsgi;
                scgi_temp_path {{root}}/temp/scgi;
                include {{root}}/moviegen.conf;
            }
            """);

        await RunAsync("nginx", "-t", "-q", "-p", root, "-c", Path.Combine(root, "nginx.conf"));
        var psi = new ProcessStartInfo("nginx", ["-p", root, "-c", Path.Combine(root, "nginx.conf"), "-g", "daemon off;"])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        nginx = Process.Start(psi)!;
        using var http = LoopbackClient.From("127.0.0.1", PublicBase, acceptAnyCertificate: true);
        await Eventually.TrueAsync(async () =>
        {
            if (nginx.HasExited)
            {
                throw new StopWaitingException($"nginx exited at start: {await nginx.StandardError.ReadToEndAsync()} {NginxLog}");
            }

            using var response = await http.GetAsync("healthz");
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(20), "the API answers through nginx");
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        var output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {output}");
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (nginx is { HasExited: false })
        {
            nginx.Kill(entireProcessTree: true);
            await nginx.WaitForExitAsync();
        }

        nginx?.Dispose();
        await Api.DisposeAsync();
        Client.Dispose();
        await PocketBase.DisposeAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: temp dir
        }
    }
}
