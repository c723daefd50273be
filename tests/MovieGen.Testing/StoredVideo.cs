using MovieGen.Jobs;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Testing;

/// <summary>Arranging a job as a worker leaves it: the video (and script) stored on the record
/// through the same upload the worker uses, then, for a finished one, the record completed.</summary>
public static class StoredVideo
{
    /// <summary>The worker id a job not held by anyone is stored under for the moment of the upload.</summary>
    public const string Arranger = "test-arranger";

    public static async Task<Job> CompleteWithAsync(JobStore store, string jobId, byte[] content, double duration = 12.5)
    {
        await StoreAsync(store, jobId, content, null, duration);
        return await CompleteAsync(store, jobId);
    }

    public static async Task<Job> CompleteWithFileAsync(JobStore store, string jobId, string file, double duration = 12.5)
    {
        await UploadAsHolderAsync(store, jobId, worker => store.StoreVideoAsync(jobId, worker, file, null, new FileInfo(file).Length, duration, default));
        return await CompleteAsync(store, jobId);
    }

    /// <summary>Stores a video (and a script, when given) on the record without touching its status.</summary>
    public static async Task<Job> StoreAsync(JobStore store, string jobId, byte[] content, string? script = null, double duration = 12.5)
    {
        var video = TempFile(".mp4");
        var scriptFile = script is null ? null : TempFile(".yaml");
        await File.WriteAllBytesAsync(video, content);
        if (scriptFile is not null)
        {
            await File.WriteAllTextAsync(scriptFile, script);
        }

        try
        {
            return await UploadAsHolderAsync(store, jobId, worker => store.StoreVideoAsync(jobId, worker, video, scriptFile, content.Length, duration, default));
        }
        finally
        {
            File.Delete(video);
            if (scriptFile is not null)
            {
                File.Delete(scriptFile);
            }
        }
    }

    /// <summary>Runs <paramref name="store"/> as the job's holder: its own worker when it is
    /// processing, otherwise <see cref="Arranger"/> for the moment of the upload, after which the
    /// record's status and holder are put back as they were.</summary>
    private static async Task<Job> UploadAsHolderAsync(JobStore store, string jobId, Func<string, Task<Job>> write)
    {
        var job = await store.GetAsync(jobId, default) ?? throw new InvalidOperationException($"No job {jobId} to store a video on.");
        if (job.Status == JobStatus.Processing)
        {
            return await write(job.WorkerId);
        }

        await store.Client.UpdateRecordAsync<Job>(JobStore.Collection, jobId, new { status = "processing", worker_id = Arranger }, default);
        await write(Arranger);
        return await store.Client.UpdateRecordAsync<Job>(JobStore.Collection, jobId, new { status = job.Status.ToWireName(), worker_id = job.WorkerId }, default);
    }

    /// <summary>The files PocketBase keeps for a record on its disk (<c>storage/{collection}/{id}/</c>),
    /// without the <c>.attrs</c> metadata its blob store writes beside each.</summary>
    public static IReadOnlyList<string> OnDisk(PocketBaseServer server, string jobId)
    {
        var storage = Path.Combine(server.DataDir, "storage");
        return Directory.Exists(storage)
            ? Directory.EnumerateDirectories(storage).Select(c => Path.Combine(c, jobId)).Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
                .Where(f => !f.EndsWith(".attrs", StringComparison.Ordinal)).ToList()
            : [];
    }

    /// <summary>Completes a job whose video is stored, as the worker's completion write does.</summary>
    public static Task<Job> CompleteAsync(JobStore store, string jobId) =>
        store.Client.UpdateRecordAsync<Job>(JobStore.Collection, jobId, new
        {
            status = "completed",
            progress = 100,
            completed_at = PbDate.ToText(DateTimeOffset.UtcNow),
            expires_at = PbDate.ToText(DateTimeOffset.UtcNow.AddHours(24)),
        }, default);

    private static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"moviegen-stored-{Guid.NewGuid():N}{extension}");
}
