using MovieGen.Net;
using MovieGen.Pipeline.Processes;

namespace MovieGen.Pipeline;

/// <summary>The short, user-facing message for an unexpected failure in a step (details go to
/// the log), and how to tell the failures people can do something about.</summary>
public static class FailureMessages
{
    public static UserText For(PipelineStep step, Exception ex)
    {
        var why = ex switch
        {
            _ when IsDiskFull(ex) => new UserText("サーバーの保存領域がいっぱいです。時間をおいてもう一度お試しください。",
                "The server's storage is full. Please try again later."),
            ProcessFailedException { WasStopped: true } => new UserText("処理が止まったか時間がかかりすぎたため中断しました。",
                "It stalled or took too long and was stopped."),
            ProcessFailedException { Kind: ProcessFailure.NotStarted } => new UserText("必要なプログラムを起動できませんでした。",
                "A program it needs could not be started."),
            HttpRequestException or TimeoutException or OperationCanceledException when step == PipelineStep.Audio =>
                new UserText("音声合成エンジンに接続できませんでした。時間をおいて再試行してください。",
                    "The speech engine could not be reached. Please try again later."),
            SsrfRefusedException => new UserText("このアドレスにはアクセスできません。", "This address cannot be accessed."),
            _ => new UserText("", ""),
        };
        // Japanese sentences follow each other without a space.
        return UserText.Of(lang => $"{step.Label(lang).Failed}{lang.T("", " ")}{why.In(lang)}".TrimEnd());
    }

    /// <summary>True when the failure (or one it wraps) is the disk being full: ENOSPC from our
    /// own writes, or a child process (ffmpeg, espeak-ng) that said so.</summary>
    public static bool IsDiskFull(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            const int Enospc = 28, ErrorDiskFull = 112, ErrorHandleDiskFull = 39;
            if (e is IOException io && (io.HResult is Enospc or ErrorDiskFull or ErrorHandleDiskFull
                || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            if (e is ProcessFailedException { Result: { } result }
                && (result.StandardError + result.StandardOutput).Contains("No space left on device", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
