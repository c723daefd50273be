namespace MovieGen.Worker;

/// <summary>Removing a job's directory, the one way the runner (cancelled jobs) and the purge
/// (expired and orphan jobs) both do it.</summary>
public static partial class JobFiles
{
    /// <summary>Deletes the directory; true when it existed and is gone. A file still held by a
    /// child that was just killed gets a few more tries; when two workers race, the loser finds
    /// nothing and returns false.</summary>
    public static bool TryDelete(string directory, ILogger logger)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
                return true;
            }
            catch (DirectoryNotFoundException)
            {
                return false;
            }
            catch (IOException) when (attempt < 5)
            {
                // a file still being closed: try again
            }
            catch (IOException ex)
            {
                LogDeleteFailed(logger, directory, ex.Message);
                return false;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not remove {Directory}: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string directory, string reason);
}
