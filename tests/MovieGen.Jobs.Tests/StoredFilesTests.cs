using System.Net;
using System.Text;
using MovieGen.Jobs.PocketBase;
using MovieGen.Testing;

namespace MovieGen.Jobs.Tests;

/// <summary>The job record holds its results (shared/DESIGN.md §9): the video and script stored
/// through PocketBase's records API, read back whole or by range, and gone with the record.</summary>
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

        var lost = await Should.ThrowAsync<JobLostException>(() => pb.Store.StoreScriptAsync(job.Id, file, default));

        lost.WasCancelled.ShouldBeTrue();
        File.Delete(file);
    }
}
