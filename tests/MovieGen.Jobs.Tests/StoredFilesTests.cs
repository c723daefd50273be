using System.Net;
using System.Text;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Jobs.Tests;

/// <summary>The job record holds its results (shared/DESIGN.md §9): the video and script stored
/// through the files route for the job's holder only, read back whole or by range, and gone with the record.</summary>
public sealed class StoredFilesTests(PocketBaseFixture pb) : IClassFixture<PocketBaseFixture>
{
    private static readonly ClaimRequest Worker = new("files-worker", TimeSpan.FromMinutes(2), MaxAttempts: 3);

    private static readonly byte[] Video = Enumerable.Range(0, 3 * 1024 * 1024 + 17).Select(i => (byte)(i * 7 % 251)).ToArray();

    private async Task<Job> NewJobAsync() =>
        ((CreateJobResult.Created)await pb.Store.CreateAsync(PocketBaseFixture.NewJob($"files-{Guid.NewGuid():N}"), PocketBaseFixture.Generous, default)).Job;

    private static async Task<byte[]> ReadAllAsync(StoredFileResponse file)
    {
        using var copy = new MemoryStream();
        await file.Body.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_stored_video_reads_back_whole_and_from_any_byte_range()
    {
        var job = await StoredVideo.StoreAsync(pb.Store, (await NewJobAsync()).Id, Video, "title: t\n", duration: 61.25);

        await using var whole = await pb.Store.OpenVideoAsync(job, 0, null, default);
        await using var middle = await pb.Store.OpenVideoAsync(job, 1_000_000, 1_000_099, default);
        await using var tail = await pb.Store.OpenVideoAsync(job, Video.Length - 10, null, default);

        job.Video.ShouldStartWith("output");
        job.Video.ShouldEndWith(".mp4");
        job.VideoSize.ShouldBe(Video.Length);
        job.VideoDuration.ShouldBe(61.25);
        (await ReadAllAsync(whole)).ShouldBe(Video);
        whole.TotalLength.ShouldBe(Video.Length);
        (await ReadAllAsync(middle)).ShouldBe(Video[1_000_000..1_000_100]);
        middle.TotalLength.ShouldBe(Video.Length);
        (await ReadAllAsync(tail)).ShouldBe(Video[^10..]);
        Encoding.UTF8.GetString((await pb.Store.ReadScriptAsync(job, default))!).ShouldBe("title: t\n");
    }

    [Fact]
    public async Task A_video_past_PocketBases_32_MB_in_memory_multipart_limit_is_stored_whole()
    {
        var big = new byte[40 * 1024 * 1024];
        new Random(13).NextBytes(big);

        var job = await StoredVideo.StoreAsync(pb.Store, (await NewJobAsync()).Id, big);
        await using var stored = await pb.Store.OpenVideoAsync(job, 0, null, default);
        using var sha = System.Security.Cryptography.SHA256.Create();
        var hash = await sha.ComputeHashAsync(stored.Body);

        stored.TotalLength.ShouldBe(big.Length);
        hash.ShouldBe(System.Security.Cryptography.SHA256.HashData(big));
    }

    [Fact]
    public async Task A_file_the_storage_lost_is_reported_as_missing()
    {
        var job = await StoredVideo.StoreAsync(pb.Store, (await NewJobAsync()).Id, [1, 2, 3]);
        foreach (var file in StoredVideo.OnDisk(pb.Server, job.Id))
        {
            File.Delete(file);
        }

        await Should.ThrowAsync<StoredFileMissingException>(() => pb.Store.OpenVideoAsync(job, 0, null, default));
        await Should.ThrowAsync<StoredFileMissingException>(() => pb.Store.OpenVideoAsync(job with { Video = "" }, 0, null, default));
    }

    [Fact]
    public async Task Storing_a_video_again_replaces_the_file_and_deleting_the_job_deletes_its_files()
    {
        var id = (await NewJobAsync()).Id;
        var first = await StoredVideo.StoreAsync(pb.Store, id, [1, 2, 3], "a: 1\n");
        var second = await StoredVideo.StoreAsync(pb.Store, id, [4, 5, 6, 7], "a: 2\n");

        var names = StoredVideo.OnDisk(pb.Server, id).Select(Path.GetFileName).ToList();
        second.Video.ShouldNotBe(first.Video);
        names.ShouldContain(second.Video);
        names.ShouldNotContain(first.Video);
        names.ShouldNotContain(first.Script);

        (await pb.Store.DeleteAsync(id, default)).ShouldBeTrue();
        await Eventually.TrueAsync(() => StoredVideo.OnDisk(pb.Server, id).Count == 0, TimeSpan.FromSeconds(10),
            "PocketBase deleted the record's files with it");
    }

    [Fact]
    public async Task A_job_completes_only_once_its_video_is_stored()
    {
        var job = await NewJobAsync();
        await pb.Client.UpdateRecordAsync<Job>(JobStore.Collection, job.Id, new { status = "processing", worker_id = Worker.WorkerId }, default);

        var refused = await Should.ThrowAsync<PocketBaseException>(() => pb.Store.UpdateAsync(job.Id, Worker.WorkerId, Worker.Lease,
            new JobUpdate { Status = JobStatus.Completed }, default));
        await StoredVideo.StoreAsync(pb.Store, job.Id, [1, 2, 3]);
        var done = await pb.Store.UpdateAsync(job.Id, Worker.WorkerId, Worker.Lease, new JobUpdate { Status = JobStatus.Completed }, default);

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        done.Status.ShouldBe(JobStatus.Completed);
    }

    [Fact]
    public async Task A_retried_job_keeps_its_stored_script_and_lets_its_video_go()
    {
        var job = await NewJobAsync();
        await StoredVideo.StoreAsync(pb.Store, job.Id, [1, 2, 3], "title: kept\n");
        await pb.Store.CancelAsync(job.Id, default);

        var retried = await pb.Store.RetryAsync(job.Id, default);

        retried!.Status.ShouldBe(JobStatus.Pending);
        retried.Script.ShouldNotBeEmpty();
        retried.Video.ShouldBeEmpty();
        retried.VideoSize.ShouldBe(0);
    }

    [Fact]
    public async Task A_write_for_a_deleted_job_says_the_job_is_lost()
    {
        var job = await NewJobAsync();
        await pb.Store.DeleteAsync(job.Id, default);
        var file = Path.GetTempFileName();

        var lost = await Should.ThrowAsync<JobLostException>(() => pb.Store.StoreScriptAsync(job.Id, StoredVideo.Arranger, file, default));

        lost.WasCancelled.ShouldBeTrue();
        File.Delete(file);
    }

    [Fact]
    public async Task A_job_no_longer_this_workers_is_not_stored_on_and_keeps_its_state()
    {
        var job = await NewJobAsync();
        await pb.Client.UpdateRecordAsync<Job>(JobStore.Collection, job.Id, new { status = "processing", worker_id = Worker.WorkerId }, default);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "title: t\n");

        var takenOver = await Should.ThrowAsync<JobLostException>(() => pb.Store.StoreScriptAsync(job.Id, "another-worker", file, default));
        await pb.Store.CancelAsync(job.Id, default);
        var cancelled = await Should.ThrowAsync<JobLostException>(() => pb.Store.StoreScriptAsync(job.Id, Worker.WorkerId, file, default));

        takenOver.WasCancelled.ShouldBeFalse();
        cancelled.WasCancelled.ShouldBeTrue();
        var stored = (await pb.Store.GetAsync(job.Id, default))!;
        (stored.Status, stored.Script).ShouldBe((JobStatus.Cancelled, ""));
        StoredVideo.OnDisk(pb.Server, job.Id).ShouldBeEmpty();
        File.Delete(file);
    }

    [Fact]
    public async Task A_cancel_that_lands_while_the_video_is_uploading_stays_and_the_upload_leaves_no_file()
    {
        // What CancelTests once caught through the records API: its update saves the row it read
        // when the request began, so the upload wrote processing back over the cancel.
        var job = await NewJobAsync();
        await pb.Client.UpdateRecordAsync<Job>(JobStore.Collection, job.Id, new { status = "processing", worker_id = Worker.WorkerId }, default);
        var video = new HeldBackStream(Video);
        using var http = await pb.Server.AdminHttpAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Worker.WorkerId), "worker_id" },
            { new StringContent(Video.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), "video_size" },
            { new StreamContent(video), "video", "output.mp4" },
        };

        var upload = http.PostAsync($"api/moviegen/jobs/{job.Id}/files", form);
        await video.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await pb.Store.CancelAsync(job.Id, default, CancelledBy.Operator);
        video.Release();
        using var response = await upload;

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var stored = (await pb.Store.GetAsync(job.Id, default))!;
        (stored.Status, stored.Video, stored.VideoSize).ShouldBe((JobStatus.Cancelled, "", 0L));
        stored.ErrorMessage.ShouldBe("このサービスの運営者が動画の作成を取り消しました。");
        StoredVideo.OnDisk(pb.Server, job.Id).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_storage_that_refuses_the_file_is_a_transient_failure_and_the_record_is_left_as_it_was()
    {
        // Its own PocketBase: S3 settings are server-wide. Nothing listens on the endpoint.
        await using var server = await PocketBaseServer.StartNewAsync();
        using var client = new PocketBaseClient(server.Options);
        var store = new JobStore(client, Microsoft.Extensions.Options.Options.Create(new JobStoreOptions()));
        await S3Server.UseOnAsync(client, $"http://127.0.0.1:{FreePort.Next()}");
        var job = ((CreateJobResult.Created)await store.CreateAsync(PocketBaseFixture.NewJob("s3-down"), PocketBaseFixture.Generous, default)).Job;
        await client.UpdateRecordAsync<Job>(JobStore.Collection, job.Id, new { status = "processing", worker_id = Worker.WorkerId }, default);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "title: t\n");

        var refused = await Should.ThrowAsync<PocketBaseException>(() => store.StoreScriptAsync(job.Id, Worker.WorkerId, file, default));

        refused.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, refused.Message);
        refused.IsTransient.ShouldBeTrue();
        var stored = (await store.GetAsync(job.Id, default))!;
        (stored.Status, stored.WorkerId, stored.Script).ShouldBe((JobStatus.Processing, Worker.WorkerId, ""));
        File.Delete(file);
    }

    /// <summary>A request body that sends its first bytes, then waits for <see cref="Release"/>
    /// before the rest: an upload still under way.</summary>
    private sealed class HeldBackStream(byte[] content) : Stream
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int position;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => release.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position > 0)
            {
                Started.TrySetResult();
                await release.Task.WaitAsync(cancellationToken);
            }

            var n = Math.Min(buffer.Length, Math.Min(content.Length - position, 64 * 1024));
            content.AsMemory(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
