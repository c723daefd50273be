using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MovieGen.Jobs.PocketBase;

/// <summary>A local file to put into a record's file field (<paramref name="FileName"/> is the name
/// PocketBase bases the stored name on; it adds a random suffix).</summary>
public sealed record RecordFile(string Field, string FileName, string LocalPath, string ContentType = "application/octet-stream");

/// <summary>A stored file being read: the response body from <see cref="Offset"/> on, and the
/// file's whole length. Dispose it to end the transfer.</summary>
public sealed class StoredFileResponse(HttpResponseMessage response, Stream body, long offset, long? totalLength) : IAsyncDisposable, IDisposable
{
    public Stream Body { get; } = body;

    public long Offset { get; } = offset;

    public long? TotalLength { get; } = totalLength;

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync();
        response.Dispose();
    }

    public void Dispose()
    {
        Body.Dispose();
        response.Dispose();
    }
}

/// <summary>PocketBase has no such file for the record (deleted, or stored where the current storage
/// settings do not look).</summary>
public sealed class StoredFileMissingException(string path)
    : PocketBaseException(HttpStatusCode.NotFound, $"No stored file at {path}.", [], null);

public sealed partial class PocketBaseClient
{
    /// <summary>The slowest upload we wait for before calling PocketBase unresponsive: it answers
    /// only once the file is in its storage (its disk, or S3 behind it).</summary>
    private const double UploadFloorBytesPerSecond = 1024 * 1024;

    /// <summary>Sends files and plain <paramref name="fields"/> as one multipart request, as admin,
    /// each file streamed from disk and never buffered whole. PocketBase answers only once the files
    /// are in its storage (its disk, or S3 behind it), so the timeout grows with their size. (Not
    /// PocketBase's records API for our jobs: its update saves the whole row as it read it when the
    /// request began, undoing any write that landed during the upload.)</summary>
    public async Task<T> SendFilesAsync<T>(HttpMethod method, string path, IReadOnlyList<RecordFile> files,
        IReadOnlyDictionary<string, string>? fields, CancellationToken ct)
    {
        var bytes = files.Sum(f => new FileInfo(f.LocalPath).Length);
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds + (bytes / UploadFloorBytesPerSecond));
        var element = await SendAsAdminAsync(method, path, () =>
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, value) in fields ?? new Dictionary<string, string>())
            {
                form.Add(new StringContent(value), name);
            }

            foreach (var file in files)
            {
                var part = new StreamContent(new FileStream(file.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920,
                    FileOptions.Asynchronous | FileOptions.SequentialScan), 81920);
                part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
                form.Add(part, file.Field, file.FileName);
            }

            return form;
        }, timeout, ct);
        return element.Deserialize<T>(PbJson.Options)!;
    }

    /// <summary>Reads a small stored file whole (at most <paramref name="maxBytes"/>).</summary>
    public async Task<byte[]> DownloadFileAsync(string collection, string id, string fileName, long maxBytes, CancellationToken ct)
    {
        await using var file = await OpenFileAsync(collection, id, fileName, 0, null, ct);
        if (file.TotalLength > maxBytes)
        {
            throw new InvalidDataException($"The stored file {fileName} is {file.TotalLength} bytes, more than the {maxBytes} expected.");
        }

        using var copy = new MemoryStream();
        await file.Body.CopyToAsync(copy, ct);
        return copy.ToArray();
    }

    /// <summary>Opens a record's stored file from byte <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive; null = to the end) through PocketBase's file route, which reads ranges from its
    /// storage. The body streams; only the wait for the response headers has a timeout. The file
    /// fields of our collections are not protected (a public view rule would let anyone read them
    /// anyway), so no file token is needed.</summary>
    public async Task<StoredFileResponse> OpenFileAsync(string collection, string id, string fileName, long from, long? to, CancellationToken ct)
    {
        var path = $"api/files/{Esc(collection)}/{Esc(id)}/{Esc(fileName)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (from > 0 || to is not null)
        {
            request.Headers.Range = new RangeHeaderValue(from, to);
        }

        using var headers = CancellationTokenSource.CreateLinkedTokenSource(ct);
        headers.CancelAfter(rest.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await files.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new PocketBaseUnavailableException($"PocketBase at {rest.BaseAddress} is unreachable: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new PocketBaseUnavailableException($"PocketBase at {rest.BaseAddress} did not answer within {rest.Timeout.TotalSeconds:0} s.", ex);
        }

        try
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK when from == 0:
                    return new StoredFileResponse(response, await response.Content.ReadAsStreamAsync(ct), 0, response.Content.Headers.ContentLength);
                case HttpStatusCode.PartialContent when response.Content.Headers.ContentRange is { From: { } start } range && start == from:
                    return new StoredFileResponse(response, await response.Content.ReadAsStreamAsync(ct), start, range.Length);
                case HttpStatusCode.NotFound:
                    throw new StoredFileMissingException(path);
                case HttpStatusCode.RequestedRangeNotSatisfiable:
                    throw new InvalidDataException($"The stored file {path} is shorter than byte {from}.");
                case var status when (int)status >= 400:
                    throw PocketBaseException.From(status, await response.Content.ReadAsStringAsync(ct));
                default:
                    throw new InvalidDataException($"PocketBase answered {(int)response.StatusCode} with range {response.Content.Headers.ContentRange} to a request for bytes {from}-{to} of {path}.");
            }
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
