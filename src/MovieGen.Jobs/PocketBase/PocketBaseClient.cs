using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MovieGen.Jobs.PocketBase;

/// <summary>A small typed client for PocketBase 0.22 (no C# SDK exists in our package registry):
/// admin authentication with a cached token that is renewed before it expires and after a 401,
/// records CRUD and paging, our hook routes, and realtime (see <see cref="SubscribeAsync"/>).
/// Thread-safe; use one instance per process.</summary>
public sealed partial class PocketBaseClient : IDisposable
{
    private readonly HttpClient rest;
    private readonly HttpClient stream;
    private readonly HttpClient files;
    private readonly PocketBaseOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim authLock = new(1, 1);
    private AdminToken? token;
    private int authentications;

    public PocketBaseClient(PocketBaseOptions options, ILogger<PocketBaseClient>? logger = null, HttpMessageHandler? handler = null,
        TimeProvider? time = null)
    {
        this.options = options;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        this.time = time ?? TimeProvider.System;
        var ownHandler = handler is null;
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxConnectionsPerServer = 64,
        };
        var baseAddress = new Uri(options.Url.TrimEnd('/') + "/");
        rest = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };

        // Realtime is a long-lived SSE response: no overall timeout (idle detection is ours).
        stream = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };

        // Video transfers hold a connection as long as the slowest viewer takes: a pool of their
        // own, so they never queue the API's and the worker's other calls behind them.
        files = new HttpClient(ownHandler ? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        } : handler, disposeHandler: ownHandler)
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri BaseAddress => rest.BaseAddress!;

    /// <summary>How many times this client signed in (tests and metrics).</summary>
    public int AuthenticationCount => Volatile.Read(ref authentications);

    // ----- health and auth -------------------------------------------------------------------

    /// <summary>True when PocketBase answers its health endpoint.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await rest.GetAsync("api/health", ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The admin token, signing in when there is none or it is about to expire.</summary>
    public async Task<string> GetAdminTokenAsync(CancellationToken ct, bool forceRenew = false)
    {
        var current = token;
        if (!forceRenew && current is not null && !current.NeedsRenewal(time.GetUtcNow()))
        {
            return current.Value;
        }

        await authLock.WaitAsync(ct);
        try
        {
            // Another caller may have renewed while we waited.
            if (token is not null && !token.NeedsRenewal(time.GetUtcNow()) && (!forceRenew || !ReferenceEquals(token, current)))
            {
                return token.Value;
            }

            var body = new { identity = options.AdminEmail, password = options.AdminPassword };
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/admins/auth-with-password")
            {
                Content = JsonContent.Create(body),
            };
            var result = await SendRawAsync(request, ct);
            var value = result.GetProperty("token").GetString()
                ?? throw new InvalidOperationException("PocketBase returned no admin token.");
            token = AdminToken.Parse(value, time.GetUtcNow());
            Interlocked.Increment(ref authentications);
            LogSignedIn(logger, token.ExpiresAt);
            return value;
        }
        finally
        {
            authLock.Release();
        }
    }

    // ----- records ---------------------------------------------------------------------------

    public Task<T> GetRecordAsync<T>(string collection, string id, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Get, $"api/collections/{Esc(collection)}/records/{Esc(id)}", null, ct);

    public async Task<RecordPage<T>> ListRecordsAsync<T>(string collection, ListQuery query, CancellationToken ct)
    {
        var url = new StringBuilder($"api/collections/{Esc(collection)}/records?page={query.Page}&perPage={query.PerPage}");
        if (query.SkipTotal)
        {
            url.Append("&skipTotal=1");
        }

        if (!string.IsNullOrEmpty(query.Filter))
        {
            url.Append("&filter=").Append(Uri.EscapeDataString(query.Filter));
        }

        if (!string.IsNullOrEmpty(query.Sort))
        {
            url.Append("&sort=").Append(Uri.EscapeDataString(query.Sort));
        }

        var page = await SendAsync<RawPage<T>>(HttpMethod.Get, url.ToString(), null, ct);
        return new RecordPage<T>(page.Page, page.PerPage, page.TotalItems, page.TotalPages, page.Items ?? []);
    }

    /// <summary>Every record matching the filter, page after page.</summary>
    public async IAsyncEnumerable<T> ListAllAsync<T>(string collection, string? filter, string? sort,
        [EnumeratorCancellation] CancellationToken ct, int perPage = 200)
    {
        for (var page = 1; ; page++)
        {
            var result = await ListRecordsAsync<T>(collection, new ListQuery(filter, sort, page, perPage), ct);
            foreach (var item in result.Items)
            {
                yield return item;
            }

            if (result.Items.Count < perPage)
            {
                yield break;
            }
        }
    }

    public async Task<int> CountAsync(string collection, string? filter, CancellationToken ct)
    {
        var page = await ListRecordsAsync<JsonElement>(collection, new ListQuery(filter, PerPage: 1, SkipTotal: false), ct);
        return page.TotalItems;
    }

    public Task<T> CreateRecordAsync<T>(string collection, object fields, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Post, $"api/collections/{Esc(collection)}/records", fields, ct);

    public Task<T> UpdateRecordAsync<T>(string collection, string id, object fields, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Patch, $"api/collections/{Esc(collection)}/records/{Esc(id)}", fields, ct);

    public Task DeleteRecordAsync(string collection, string id, CancellationToken ct) =>
        SendAsync<JsonElement>(HttpMethod.Delete, $"api/collections/{Esc(collection)}/records/{Esc(id)}", null, ct);

    // ----- any route (our hooks, settings) -----------------------------------------------------

    /// <summary>Sends a request as admin; a 401 renews the token once and retries.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var element = await SendAsAdminAsync(method, path, body, ct);
        return element.ValueKind == JsonValueKind.Undefined
            ? default!
            : element.Deserialize<T>(PbJson.Options)!;
    }

    private Task<JsonElement> SendAsAdminAsync(HttpMethod method, string path, object? body, CancellationToken ct) =>
        SendAsAdminAsync(method, path, body is null ? null : () => JsonContent.Create(body, body.GetType(), options: PbJson.Options), null, ct);

    /// <summary>Sends as admin; a 401 renews the token once and retries, so the content is made by
    /// <paramref name="content"/> for each attempt (a streamed upload cannot be sent twice).</summary>
    private async Task<JsonElement> SendAsAdminAsync(HttpMethod method, string path, Func<HttpContent>? content, TimeSpan? timeout, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var adminToken = await GetAdminTokenAsync(ct, forceRenew: attempt > 1);
            using var request = new HttpRequestMessage(method, path);
            request.Headers.TryAddWithoutValidation("Authorization", adminToken);
            request.Content = content?.Invoke();

            try
            {
                return await SendRawAsync(request, ct, timeout);
            }
            catch (PocketBaseException ex) when (ex.Status is (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && attempt == 1)
            {
                // Expired or revoked (admin deleted, password changed): sign in again, once. PocketBase
                // treats an invalid token as no token, so rule-guarded routes answer 403, not 401;
                // an admin is never refused by a rule, so a 403 means the same.
                LogTokenRejected(logger);
            }
        }
    }

    /// <summary>One request; <paramref name="timeout"/> replaces the REST timeout for long ones (uploads).</summary>
    private async Task<JsonElement> SendRawAsync(HttpRequestMessage request, CancellationToken ct, TimeSpan? timeout = null)
    {
        var limit = timeout ?? rest.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } t)
        {
            deadline.CancelAfter(t);
        }

        HttpResponseMessage response;
        try
        {
            response = await (timeout is null ? rest : files).SendAsync(request, deadline.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new PocketBaseUnavailableException($"PocketBase at {rest.BaseAddress} is unreachable: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new PocketBaseUnavailableException($"PocketBase at {rest.BaseAddress} did not answer within {limit.TotalSeconds:0} s.", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw PocketBaseException.From(response.StatusCode, text);
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                return default;
            }

            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
    }

    private static string Esc(string segment) => Uri.EscapeDataString(segment);

    public void Dispose()
    {
        files.Dispose();
        stream.Dispose();
        rest.Dispose();
        authLock.Dispose();
    }

    // PocketBase's list envelope is camelCase, unlike record fields.
    private sealed record RawPage<T>(
        [property: JsonPropertyName("page")] int Page,
        [property: JsonPropertyName("perPage")] int PerPage,
        [property: JsonPropertyName("totalItems")] int TotalItems,
        [property: JsonPropertyName("totalPages")] int TotalPages,
        [property: JsonPropertyName("items")] List<T>? Items);

    [LoggerMessage(LogLevel.Debug, "Signed in to PocketBase as admin; token valid until {ExpiresAt:o}")]
    private static partial void LogSignedIn(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(LogLevel.Information, "PocketBase refused the admin token; signing in again")]
    private static partial void LogTokenRejected(ILogger logger);
}
