using Microsoft.Extensions.Options;
using MovieGen.Jobs;

namespace MovieGen.Api.Jobs;

/// <summary>Finds a job's video on disk. Only a regular file under <c>JOB_DATA_DIR/{id}/</c> is
/// ever returned, whatever the record says: the record is written by the worker, but a bug or a
/// tampered record must not turn the video endpoint into a way to read other files.</summary>
public sealed class VideoFiles(IOptions<VideoOptions> options)
{
    private readonly string root = Path.GetFullPath(options.Value.JobDataDir);

    public FileInfo? Find(Job job)
    {
        var relative = job.VideoPath;
        if (!JobId.IsValid(job.Id) || string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative)
            || relative.Contains('\0') || relative.Split('/', '\\').Contains(".."))
        {
            return null;
        }

        var jobDir = new DirectoryInfo(Path.Join(root, job.Id));
        var full = Path.GetFullPath(Path.Join(jobDir.FullName, relative));
        if (!full.StartsWith(jobDir.FullName + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !jobDir.Exists || jobDir.LinkTarget is not null)
        {
            return null;
        }

        // A symbolic link anywhere below the job directory could point anywhere: refuse it.
        var parts = Path.GetRelativePath(jobDir.FullName, full).Split(Path.DirectorySeparatorChar);
        var current = jobDir.FullName;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            current = Path.Join(current, parts[i]);
            var dir = new DirectoryInfo(current);
            if (!dir.Exists || dir.LinkTarget is not null)
            {
                return null;
            }
        }

        var file = new FileInfo(full);
        return file.Exists && file.LinkTarget is null ? file : null;
    }
}
