using Microsoft.Net.Http.Headers;
using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Jobs;

/// <summary>A job's video as PocketBase stores it (its disk or S3), as a seekable stream for
/// ASP.NET's file result, which keeps the delivery contract (single, open and suffix ranges, 416,
/// conditional requests, HEAD). Nothing is fetched until the first read, so HEAD and 304 cost
/// PocketBase nothing; a read asks PocketBase for the bytes from the position to the end of the
/// expected window (the request's own range, when it has one) and streams them through a small
/// buffer — the file is never held in memory. A read outside that window opens a new request.</summary>
public sealed class StoredVideoStream(JobStore store, Job job, StoredVideoStream.Window? expected) : Stream
{
    private readonly long length = job.VideoSize;
    private StoredFileResponse? open;
    private long openAt;
    private long openEnd;
    private long position;

    /// <summary>Bytes <see cref="From"/> to <see cref="To"/>, inclusive.</summary>
    public readonly record struct Window(long From, long To);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>The one range a request asks for (bytes unit), resolved against the length; null for
    /// none, several, or one past the end — ASP.NET decides what those get.</summary>
    public static Window? ExpectedWindow(HttpRequest request, long length)
    {
        if (!RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var header)
            || !string.Equals(header.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || header.Ranges.Count != 1)
        {
            return null;
        }

        var range = header.Ranges.First();
        var (from, to) = range.From is null
            ? (Math.Max(0, length - (range.To ?? 0)), length - 1)
            : (range.From.Value, Math.Min(range.To ?? length - 1, length - 1));
        return from < length && from <= to ? new Window(from, to) : null;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => length + offset,
    };

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= length || buffer.Length == 0)
        {
            return 0;
        }

        if (open is null || openAt != position || position > openEnd)
        {
            await CloseAsync();
            var end = expected is { } w && w.From <= position && position <= w.To ? w.To : length - 1;
            open = await store.OpenVideoAsync(job, position, end == length - 1 ? null : end, cancellationToken);
            if (open.TotalLength != length)
            {
                throw new InvalidDataException($"The stored video of job {job.Id} has {open.TotalLength} bytes; the record says {length}.");
            }

            openAt = position;
            openEnd = end;
        }

        var read = await open.Body.ReadAsync(buffer[..(int)Math.Min(buffer.Length, openEnd - position + 1)], cancellationToken);
        if (read == 0)
        {
            throw new IOException($"The stored video of job {job.Id} ended at byte {position} of {length}.");
        }

        position += read;
        openAt += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>The file result reads asynchronously; blocking on the network here would only hide a bug.</summary>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the stored video asynchronously.");

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async ValueTask CloseAsync()
    {
        if (open is not null)
        {
            await open.DisposeAsync();
            open = null;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await CloseAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            open?.Dispose();
            open = null;
        }

        base.Dispose(disposing);
    }
}
