using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MovieGen.Jobs.Tests;

public sealed class CollectionRulesTests(PocketBaseFixture pb) : IClassFixture<PocketBaseFixture>
{
    private HttpClient Anonymous() => new() { BaseAddress = new Uri(pb.Server.Url + "/") };

    [Fact]
    public async Task Anonymous_list_is_refused()
    {
        using var http = Anonymous();
        using var response = await http.GetAsync("api/collections/jobs/records");
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_create_is_refused_and_creates_nothing()
    {
        var before = await pb.Store.CountAsync(null, default);
        using var http = Anonymous();
        using var response = await http.PostAsJsonAsync("api/collections/jobs/records",
            new { url = "https://example.com/x", status = "pending" });
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pb.Store.CountAsync(null, default)).ShouldBe(before);
    }

    [Fact]
    public async Task Anonymous_update_and_delete_are_refused_and_change_nothing()
    {
        var created = (CreateJobResult.Created)await pb.Store.CreateAsync(PocketBaseFixture.NewJob("rules-update"), PocketBaseFixture.Generous, default);
        using var http = Anonymous();

        using var update = await http.PatchAsJsonAsync($"api/collections/jobs/records/{created.Job.Id}", new { status = "completed" });
        using var delete = await http.DeleteAsync($"api/collections/jobs/records/{created.Job.Id}");

        update.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        delete.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var after = await pb.Store.GetAsync(created.Job.Id, default);
        after.ShouldNotBeNull().Status.ShouldBe(JobStatus.Pending);
    }

    [Fact]
    public async Task Anonymous_view_by_id_works_and_shows_no_address_or_path()
    {
        var created = (CreateJobResult.Created)await pb.Store.CreateAsync(
            new NewJob("https://example.com/view", "keyed-hash-not-an-ip", "en"), PocketBaseFixture.Generous, default);
        using var http = Anonymous();

        var json = await http.GetStringAsync($"api/collections/jobs/records/{created.Job.Id}");

        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("id").GetString().ShouldBe(created.Job.Id);
        doc.RootElement.GetProperty("client_ip").GetString().ShouldBe("keyed-hash-not-an-ip");
        json.ShouldNotMatch(@"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b");
        doc.RootElement.TryGetProperty("video_path", out _).ShouldBeFalse("the record holds the file; no path of a worker's disk");
        json.ShouldNotContain("/tmp");
    }

    [Theory]
    [InlineData("GET", "api/collections/data_protection_keys/records")]
    [InlineData("POST", "api/collections/data_protection_keys/records")]
    [InlineData("POST", "api/moviegen/data-protection/keys")]
    public async Task Anonymous_cannot_read_or_write_the_data_protection_keys(string method, string path)
    {
        using var http = Anonymous();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = JsonContent.Create(new { name = "key-x", xml = "<key/>", immediate = true }),
        });

        ((int)response.StatusCode).ShouldBeInRange(401, 403);
        (await pb.Client.CountAsync("data_protection_keys", "name = 'key-x'", default)).ShouldBe(0);
    }

    [Fact]
    public async Task Anonymous_cannot_call_the_hook_routes()
    {
        using var http = Anonymous();
        foreach (var route in new[] { "create", "claim", "abcdefghijklmno/update", "abcdefghijklmno/cancel", "abcdefghijklmno/retry", "abcdefghijklmno/release" })
        {
            using var response = await http.PostAsJsonAsync($"api/moviegen/jobs/{route}", new { });
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, route);
        }
    }

    [Fact]
    public async Task Anonymous_realtime_subscription_to_the_whole_collection_sees_nothing()
    {
        // listRule = null also governs realtime: only a job's id holder (viewRule "") sees it.
        using var http = Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/realtime");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? clientId = null;
        while (clientId is null)
        {
            var line = await reader.ReadLineAsync();
            if (line!.StartsWith("data:", StringComparison.Ordinal))
            {
                clientId = JsonDocument.Parse(line[5..]).RootElement.GetProperty("clientId").GetString();
            }
        }

        using var subscribe = await http.PostAsJsonAsync("api/realtime", new { clientId, subscriptions = new[] { "jobs" } });
        subscribe.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await pb.Store.CreateAsync(PocketBaseFixture.NewJob("rules-realtime"), PocketBaseFixture.Generous, default);

        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var leaked = false;
        try
        {
            while (true)
            {
                var line = await reader.ReadLineAsync(quiet.Token);
                leaked |= line is not null && line.Contains("rules-realtime", StringComparison.Ordinal);
            }
        }
        catch (OperationCanceledException)
        {
            // the window closed with nothing more read
        }

        leaked.ShouldBeFalse();
    }

    [Fact]
    public async Task Applying_migrations_again_changes_nothing()
    {
        var before = await pb.Store.CountAsync(null, default);
        var psi = new System.Diagnostics.ProcessStartInfo(MovieGen.Testing.PocketBaseServer.Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "migrate", "up", "--dir", pb.Server.DataDir, "--migrationsDir", MovieGen.Testing.Repo.Path("web", "pocketbase", "pb_migrations") })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();

        p.ExitCode.ShouldBe(0);
        output.ShouldContain("No new migrations");
        (await pb.Store.CountAsync(null, default)).ShouldBe(before);
    }
}
