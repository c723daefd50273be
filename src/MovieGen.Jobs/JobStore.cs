using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Jobs;

/// <summary>The job queue on PocketBase: typed operations over the <c>jobs</c> collection and the
/// transactional hook routes of <c>web/pocketbase/pb_hooks</c>.</summary>
public sealed class JobStore(PocketBaseClient pb, IOptions<JobStoreOptions> options)
{
    public const string Collection = "jobs";
    private const string Hooks = "api/moviegen/jobs";
    private const int MaxProgressMessage = 500;
    private const int MaxErrorMessage = 2000;

    public PocketBaseClient Client => pb;

    private double ExpirationHours => options.Value.ExpirationHours;

    public async Task<CreateJobResult> CreateAsync(NewJob job, JobLimits limits, CancellationToken ct)
    {
        try
        {
            var result = await pb.SendAsync<JsonElement>(HttpMethod.Post, $"{Hooks}/create", new
            {
                url = job.Url,
                client_ip = job.ClientKey,
                lang = job.Lang,
                max_per_day = limits.PerClientPerDay,
                max_queue = limits.MaxQueued,
            }, ct);
            var created = JobJson.ReadJob(result.GetProperty("job"));
            return result.GetProperty("duplicate").GetBoolean()
                ? new CreateJobResult.AlreadyQueued(created)
                : new CreateJobResult.Created(created);
        }
        catch (PocketBaseException ex) when (ex.Reason is "daily_quota" or "queue_full")
        {
            var retryAfter = int.TryParse(ex.DataString("retry_after"), out var seconds) ? seconds : 60;
            var limit = int.TryParse(ex.DataString("limit"), out var l) ? l : 0;
            var reason = ex.Reason == "daily_quota" ? RefusalReason.DailyQuota : RefusalReason.QueueFull;
            return new CreateJobResult.Refused(reason, limit, TimeSpan.FromSeconds(retryAfter));
        }
    }

    /// <summary>The job, or null when there is no such record (expired jobs are deleted).</summary>
    public async Task<Job?> GetAsync(string id, CancellationToken ct)
    {
        if (!JobId.IsValid(id))
        {
            return null;
        }

        try
        {
            return await pb.GetRecordAsync<Job>(Collection, id, ct);
        }
        catch (PocketBaseException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<ClaimResult> ClaimAsync(ClaimRequest request, CancellationToken ct)
    {
        var result = await pb.SendAsync<JsonElement>(HttpMethod.Post, $"{Hooks}/claim", new
        {
            worker_id = request.WorkerId,
            lease_seconds = (int)Math.Ceiling(request.Lease.TotalSeconds),
            max_attempts = request.MaxAttempts,
            expiration_hours = ExpirationHours,
        }, ct);
        var job = result.GetProperty("job");
        return new ClaimResult(
            job.ValueKind == JsonValueKind.Null ? null : JobJson.ReadJob(job),
            result.GetProperty("failed").GetInt32());
    }

    /// <summary>Writes progress (monotonic: a lower value is ignored) or the outcome of a job this
    /// worker holds, renewing its lease. Throws <see cref="JobLostException"/> when the job is no
    /// longer this worker's (cancelled, finished, reclaimed).</summary>
    public Task<Job> UpdateAsync(string id, string workerId, TimeSpan lease, JobUpdate update, CancellationToken ct)
    {
        var fields = update with
        {
            ProgressMessage = Truncate(update.ProgressMessage, MaxProgressMessage),
            ErrorMessage = Truncate(update.ErrorMessage, MaxErrorMessage),
        };
        return AsHolderAsync(id, () => pb.SendAsync<Job>(HttpMethod.Post, $"{Hooks}/{Uri.EscapeDataString(id)}/update", new
        {
            worker_id = workerId,
            lease_seconds = (int)Math.Ceiling(lease.TotalSeconds),
            expiration_hours = ExpirationHours,
            fields,
        }, ct));
    }

    /// <summary>Gives a held job back to the queue (graceful shutdown); the attempt is returned.</summary>
    public async Task<bool> ReleaseAsync(string id, string workerId, CancellationToken ct)
    {
        try
        {
            await pb.SendAsync<Job>(HttpMethod.Post, $"{Hooks}/{Uri.EscapeDataString(id)}/release", new { worker_id = workerId }, ct);
            return true;
        }
        catch (PocketBaseException ex) when (ex.Status is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<CancelResult> CancelAsync(string id, CancellationToken ct, CancelledBy by = CancelledBy.Requester)
    {
        if (!JobId.IsValid(id))
        {
            return new CancelResult.NotFound();
        }

        try
        {
            return new CancelResult.Cancelled(await pb.SendAsync<Job>(HttpMethod.Post,
                $"{Hooks}/{id}/cancel", new { expiration_hours = ExpirationHours, by = by == CancelledBy.Operator ? "operator" : "requester" }, ct));
        }
        catch (PocketBaseException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return new CancelResult.NotFound();
        }
        catch (PocketBaseException ex) when (ex.Status == HttpStatusCode.Conflict)
        {
            var job = await GetAsync(id, ct);
            return job is null ? new CancelResult.NotFound() : new CancelResult.AlreadyFinished(job);
        }
    }

    /// <summary>Puts a failed or cancelled job back in the queue with attempts reset; null when
    /// the job does not exist or is not in a retryable state.</summary>
    public async Task<Job?> RetryAsync(string id, CancellationToken ct)
    {
        if (!JobId.IsValid(id))
        {
            return null;
        }

        try
        {
            return await pb.SendAsync<Job>(HttpMethod.Post, $"{Hooks}/{id}/retry", new { }, ct);
        }
        catch (PocketBaseException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>1-based place of a pending job in the queue (oldest first).</summary>
    public async Task<int> QueuePositionAsync(Job job, CancellationToken ct)
    {
        var ahead = await pb.CountAsync(Collection, PbFilter.Format(
            "status = 'pending' && (created < {:created} || (created = {:created} && id < {:id}))",
            new { created = job.Created, id = job.Id }), ct);
        return ahead + 1;
    }

    public Task<int> CountAsync(string? filter, CancellationToken ct) => pb.CountAsync(Collection, filter, ct);

    public Task<RecordPage<Job>> ListPageAsync(ListQuery query, CancellationToken ct) =>
        pb.ListRecordsAsync<Job>(Collection, query, ct);

    public IAsyncEnumerable<Job> ListAllAsync(string? filter, string? sort, CancellationToken ct) =>
        pb.ListAllAsync<Job>(Collection, filter, sort, ct);

    public async Task<bool> DeleteAsync(string id, CancellationToken ct)
    {
        try
        {
            await pb.DeleteRecordAsync(Collection, id, ct);
            return true;
        }
        catch (PocketBaseException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return false; // someone else (another worker's purge) deleted it first
        }
    }

    // ----- the results on the record (shared/DESIGN.md §9) ------------------------------------

    /// <summary>The largest script.yaml we read back (the file field allows 2 MiB).</summary>
    private const long MaxScriptBytes = 2 * 1024 * 1024;

    /// <summary>Puts script.yaml on the job's record, replacing any earlier one, while the job is
    /// <paramref name="workerId"/>'s. Throws <see cref="JobLostException"/> when it is not (cancelled,
    /// finished, taken over) or the record is gone.</summary>
    public Task<Job> StoreScriptAsync(string id, string workerId, string scriptPath, CancellationToken ct) =>
        StoreFilesAsync(id, workerId, [ScriptFile(scriptPath)], null, ct);

    /// <summary>Puts the finished MP4 (and the script it was made from, which the duration cap may
    /// have shortened since it was first stored) on the record with its size and length, in one
    /// request, while the job is <paramref name="workerId"/>'s. The status is not touched — the
    /// worker's completion write follows, and the update route refuses to complete a job without a
    /// video. Throws <see cref="JobLostException"/> when the job is no longer this worker's.</summary>
    public Task<Job> StoreVideoAsync(string id, string workerId, string videoPath, string? scriptPath, long size, double duration, CancellationToken ct)
    {
        List<RecordFile> files = [new RecordFile("video", "output.mp4", videoPath, "video/mp4")];
        if (scriptPath is not null)
        {
            files.Add(ScriptFile(scriptPath));
        }

        return StoreFilesAsync(id, workerId, files, new Dictionary<string, string>
        {
            ["video_size"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["video_duration"] = Math.Round(duration, 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, ct);
    }

    private static RecordFile ScriptFile(string path) => new("script", "script.yaml", path, "application/yaml");

    // Through our files route (pb_hooks/jobs_lib.js storeFiles), not the records API: that saves
    // the whole row as it read it before the upload, so a cancel landing meanwhile was undone.
    private Task<Job> StoreFilesAsync(string id, string workerId, IReadOnlyList<RecordFile> files,
        IReadOnlyDictionary<string, string>? fields, CancellationToken ct)
    {
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["worker_id"] = workerId };
        return AsHolderAsync(id, () => pb.SendFilesAsync<Job>(HttpMethod.Post, $"{Hooks}/{Uri.EscapeDataString(id)}/files", files, form, ct));
    }

    /// <summary>A write only the job's holder may make: the route's refusal (409: cancelled,
    /// finished, taken over) or a record that is gone (404) means the job is lost to this worker.</summary>
    private static async Task<Job> AsHolderAsync(string id, Func<Task<Job>> write)
    {
        try
        {
            return await write();
        }
        catch (PocketBaseException ex) when (ex.Status == HttpStatusCode.Conflict)
        {
            throw new JobLostException(id, ex.DataString("status") ?? "unknown");
        }
        catch (PocketBaseException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            throw new JobLostException(id, JobLostException.Deleted);
        }
    }

    /// <summary>The job's stored script.yaml; null when none is stored.</summary>
    public async Task<byte[]?> ReadScriptAsync(Job job, CancellationToken ct) =>
        job.Script.Length == 0 ? null : await pb.DownloadFileAsync(Collection, job.Id, job.Script, MaxScriptBytes, ct);

    /// <summary>Opens the job's stored video from byte <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive; null = the end).</summary>
    public Task<StoredFileResponse> OpenVideoAsync(Job job, long from, long? to, CancellationToken ct) =>
        job.Video.Length == 0
            ? throw new StoredFileMissingException($"jobs/{job.Id} (no video on the record)")
            : pb.OpenFileAsync(Collection, job.Id, job.Video, from, to, ct);

    /// <summary>Realtime changes of all jobs (<c>null</c>) or of the given ids, as admin.</summary>
    public IAsyncEnumerable<RealtimeMessage> WatchAsync(IReadOnlyCollection<string>? ids, CancellationToken ct) =>
        pb.SubscribeAsync(ids is null ? [Collection] : ids.Select(id => $"{Collection}/{id}").ToArray(), ct);

    private static string? Truncate(string? text, int max) =>
        text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
