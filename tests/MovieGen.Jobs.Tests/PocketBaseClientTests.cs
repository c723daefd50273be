using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Jobs.Tests;

public sealed class PocketBaseClientTests(PocketBaseFixture pb) : IClassFixture<PocketBaseFixture>
{
    [Fact]
    public async Task A_job_created_now_is_found_by_a_created_since_start_of_today_filter()
    {
        var created = (CreateJobResult.Created)await pb.Store.CreateAsync(PocketBaseFixture.NewJob("dates-today"), PocketBaseFixture.Generous, default);
        var startOfToday = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero);

        var found = await pb.Store.CountAsync(PbFilter.Format("client_ip = {:ip} && created >= {:since}",
            new { ip = "dates-today", since = startOfToday }), default);
        var notYet = await pb.Store.CountAsync(PbFilter.Format("client_ip = {:ip} && created >= {:since}",
            new { ip = "dates-today", since = created.Job.Created.AddMilliseconds(1) }), default);

        found.ShouldBe(1);
        notYet.ShouldBe(0);
    }

    [Fact]
    public void Date_literals_use_pocketbase_form_with_a_space()
    {
        PbFilter.Literal(new DateTimeOffset(2026, 11, 25, 3, 4, 5, 678, TimeSpan.FromHours(9)))
            .ShouldBe("'2026-11-24 18:04:05.678Z'");
    }

    [Fact]
    public async Task An_iso_T_literal_would_have_compared_wrongly_which_is_why_the_filter_never_uses_it()
    {
        await pb.Store.CreateAsync(PocketBaseFixture.NewJob("dates-iso"), PocketBaseFixture.Generous, default);
        var startOfToday = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero);
        var iso = startOfToday.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        // "2026-11-25 10:00" < "2026-11-25T00:00" as text (' ' sorts before 'T'): today's job is missed.
        var withIso = await pb.Store.CountAsync($"client_ip = 'dates-iso' && created >= '{iso}'", default);
        var withPb = await pb.Store.CountAsync(PbFilter.Format("client_ip = 'dates-iso' && created >= {:since}", new { since = startOfToday }), default);

        withIso.ShouldBe(0);
        withPb.ShouldBe(1);
    }

    [Theory]
    [InlineData("it's")]
    [InlineData("' || client_ip != '")]
    [InlineData("back\\slash'")]
    [InlineData("\" || 1=1 || \"")]
    public async Task Filter_values_are_escaped_so_they_cannot_change_the_expression(string hostile)
    {
        var key = "esc-" + Guid.NewGuid().ToString("N")[..8];
        await pb.Store.CreateAsync(new NewJob("https://example.com/a", key, "ja"), PocketBaseFixture.Generous, default);
        await pb.Store.CreateAsync(new NewJob("https://example.com/b", key + hostile, "ja"), PocketBaseFixture.Generous, default);

        var matches = await pb.Store.CountAsync(PbFilter.Format("client_ip = {:ip}", new { ip = key + hostile }), default);

        matches.ShouldBe(1);
    }

    [Fact]
    public void A_value_ending_in_a_backslash_is_refused_rather_than_allowed_to_escape_its_quote()
    {
        Should.Throw<ArgumentException>(() => PbFilter.Format("url = {:u}", new { u = "x\\" }));
    }

    [Fact]
    public async Task Listing_all_pages_returns_every_record_once()
    {
        var key = "paging-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 7; i++)
        {
            await pb.Store.CreateAsync(new NewJob($"https://example.com/{i}", key, "ja"), PocketBaseFixture.Generous, default);
        }

        var ids = new List<string>();
        await foreach (var job in pb.Client.ListAllAsync<Job>("jobs", PbFilter.Format("client_ip = {:k}", new { k = key }), "created,id", default, perPage: 3))
        {
            ids.Add(job.Id);
        }

        ids.Count.ShouldBe(7);
        ids.Distinct().Count().ShouldBe(7);
    }

    [Fact]
    public async Task Validation_errors_surface_as_typed_exceptions_with_field_errors()
    {
        var ex = await Should.ThrowAsync<PocketBaseException>(() =>
            pb.Client.CreateRecordAsync<Job>("jobs", new { url = "", status = "exploded" }, default));

        ex.Status.ShouldBe(HttpStatusCode.BadRequest);
        ex.FieldErrors.Select(f => f.Field).ShouldContain("url");
        ex.FieldErrors.Select(f => f.Field).ShouldContain("status");
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_as_unavailable()
    {
        using var client = pb.NewClient(new PocketBaseOptions
        {
            Url = $"http://127.0.0.1:{FreePort.Next()}",
            AdminEmail = PocketBaseServer.AdminEmail,
            AdminPassword = PocketBaseServer.AdminPassword,
        });

        await Should.ThrowAsync<PocketBaseUnavailableException>(() => client.GetRecordAsync<Job>("jobs", "abcdefghijklmno", default));
        (await client.IsHealthyAsync(default)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_refusal_and_an_unreachable_server_are_both_pocketbase_failures_and_only_the_second_is_transient()
    {
        using var unreachable = pb.NewClient(new PocketBaseOptions
        {
            Url = $"http://127.0.0.1:{FreePort.Next()}",
            AdminEmail = PocketBaseServer.AdminEmail,
            AdminPassword = PocketBaseServer.AdminPassword,
        });

        var refused = await Should.ThrowAsync<PocketBaseFailure>(() => pb.Client.GetRecordAsync<Job>("jobs", "abcdefghijklmno", default));
        var away = await Should.ThrowAsync<PocketBaseFailure>(() => unreachable.GetRecordAsync<Job>("jobs", "abcdefghijklmno", default));

        refused.ShouldBeOfType<PocketBaseException>().Status.ShouldBe(HttpStatusCode.NotFound);
        refused.IsTransient.ShouldBeFalse();
        away.ShouldBeOfType<PocketBaseUnavailableException>();
        away.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task A_revoked_admin_token_is_renewed_transparently()
    {
        using var admin = await pb.Server.AdminHttpAsync();
        var second = new { email = "second@moviegen.test", password = "second-password-1", passwordConfirm = "second-password-1" };
        var firstId = await CreateAdminAsync(admin, second);
        using var client = pb.NewClient(new PocketBaseOptions { Url = pb.Server.Url, AdminEmail = second.email, AdminPassword = second.password });
        await client.CountAsync("jobs", null, default);
        client.AuthenticationCount.ShouldBe(1);

        // Deleting the admin revokes its token; the same credentials then belong to a new admin.
        (await admin.DeleteAsync($"api/admins/{firstId}")).EnsureSuccessStatusCode();
        await CreateAdminAsync(admin, second);

        await client.CountAsync("jobs", null, default);
        client.AuthenticationCount.ShouldBe(2);
    }

    [Fact]
    public async Task An_expired_admin_token_is_renewed_before_use()
    {
        using var admin = await pb.Server.AdminHttpAsync();
        (await admin.PatchAsJsonAsync("api/settings", new { adminAuthToken = new { duration = 5 } })).EnsureSuccessStatusCode();
        try
        {
            using var client = pb.NewClient();
            var firstToken = await client.GetAdminTokenAsync(default);
            var expiry = ReadExpiry(firstToken);

            await Eventually.TrueAsync(() => DateTimeOffset.UtcNow > expiry, TimeSpan.FromSeconds(10), "the 5-second token expired");
            var count = await client.CountAsync("jobs", null, default);

            count.ShouldBeGreaterThanOrEqualTo(0);
            client.AuthenticationCount.ShouldBe(2);
            (await client.GetAdminTokenAsync(default)).ShouldNotBe(firstToken);
        }
        finally
        {
            (await admin.PatchAsJsonAsync("api/settings", new { adminAuthToken = new { duration = 1209600 } })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task The_token_is_renewed_when_the_clients_clock_says_it_is_about_to_expire()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = new PocketBaseClient(pb.Server.Options, time: clock);
        var first = await client.GetAdminTokenAsync(default);
        var expiry = ReadExpiry(first);

        clock.SetUtcNow(expiry.AddMinutes(-2));
        (await client.GetAdminTokenAsync(default)).ShouldBe(first);
        clock.SetUtcNow(expiry.AddSeconds(-30));
        await client.CountAsync("jobs", null, default);

        client.AuthenticationCount.ShouldBe(2);
    }

    private static async Task<string> CreateAdminAsync(HttpClient admin, object body)
    {
        using var response = await admin.PostAsJsonAsync("api/admins", body);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("id").GetString()!;
    }

    private static DateTimeOffset ReadExpiry(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var doc = JsonDocument.Parse(Convert.FromBase64String(payload));
        return DateTimeOffset.FromUnixTimeSeconds(doc.RootElement.GetProperty("exp").GetInt64());
    }
}
