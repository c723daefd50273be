using System.Diagnostics;
using System.Xml.Linq;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Testing;

/// <summary>An S3 server on loopback for PocketBase's S3 storage: npm's <c>s3rver</c> (installed by
/// scripts/setup.sh from package-lock.json) on a free port with a temporary directory and one
/// bucket. It checks request signatures against its fixed credentials, as a real S3 would.</summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string Bucket = "moviegen";
    public const string AccessKey = "S3RVER";
    public const string Secret = "S3RVER";

    private readonly Process process;
    private readonly string directory;
    private readonly List<string> log = [];

    private S3Server(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public static string Script => Repo.Path("node_modules", "s3rver", "bin", "s3rver.js");

    /// <summary>Puts a PocketBase's file storage in S3 at <paramref name="endpoint"/> (this server's,
    /// or one where nothing listens), as the worker does from its settings.</summary>
    public static Task UseOnAsync(PocketBaseClient client, string endpoint) =>
        client.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Patch, "api/settings", new Dictionary<string, object>
        {
            ["s3"] = new Dictionary<string, object>
            {
                ["enabled"] = true, ["bucket"] = Bucket, ["endpoint"] = endpoint, ["region"] = "us-east-1",
                ["accessKey"] = AccessKey, ["secret"] = Secret, ["forcePathStyle"] = true,
            },
        }, default);

    /// <summary>The worker's storage settings for this bucket.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["S3_BUCKET"] = Bucket,
        ["S3_ENDPOINT"] = Endpoint,
        ["S3_REGION"] = "us-east-1",
        ["S3_ACCESS_KEY"] = AccessKey,
        ["S3_SECRET"] = Secret,
        ["S3_FORCE_PATH_STYLE"] = "true",
    };

    public static async Task<S3Server> StartAsync()
    {
        if (!File.Exists(Script))
        {
            throw new InvalidOperationException($"s3rver missing at {Script}: run `make test` (scripts/setup.sh installs it).");
        }

        var directory = Repo.NewTempDirectory("s3");
        var port = FreePort.Next();
        var psi = new ProcessStartInfo("node", [Script, "--directory", directory, "--address", "127.0.0.1", "--port", $"{port}",
            "--silent", "--configure-bucket", Bucket])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var server = new S3Server(Process.Start(psi)!, directory, port);
        server.process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (server.process.HasExited)
                {
                    throw new StopWaitingException($"s3rver exited at start: {string.Join('\n', server.log)}");
                }

                try
                {
                    await server.KeysAsync();
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(30), "s3rver lists its bucket");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The object keys in the bucket (ListObjectsV2; s3rver answers it unsigned).</summary>
    public async Task<List<string>> KeysAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var xml = XDocument.Parse(await http.GetStringAsync($"{Endpoint}/{Bucket}?list-type=2&max-keys=1000"));
        return xml.Descendants().Where(e => e.Name.LocalName == "Key").Select(e => e.Value).ToList();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.Add(line);
            }
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
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: temp dir
        }
    }
}
