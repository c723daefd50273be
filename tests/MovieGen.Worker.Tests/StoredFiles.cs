using MovieGen.Jobs;

namespace MovieGen.Worker.Tests;

/// <summary>Reading what a worker stored on a job's record.</summary>
public static class StoredFiles
{
    /// <summary>Copies the job's stored video from PocketBase into <paramref name="directory"/> (for ffprobe).</summary>
    public static async Task<string> DownloadVideoAsync(JobStore store, Job job, string directory)
    {
        var path = Path.Combine(directory, $"{job.Id}-stored.mp4");
        await using var video = await store.OpenVideoAsync(job, 0, null, default);
        await using (var file = File.Create(path))
        {
            await video.Body.CopyToAsync(file);
        }

        return path;
    }
}
