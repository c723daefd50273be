using MovieGen.Net;
using MovieGen.Pipeline.Processes;

namespace MovieGen.Pipeline;

/// <summary>The short, user-facing message for an unexpected failure in a step (details go to
/// the log), and how to tell the failures people can do something about.</summary>
public static class FailureMessages
{
    public static string For(PipelineStep step, Exception ex)
    {
        var what = step switch
        {
            PipelineStep.Fetch => "記事の取得",
            PipelineStep.Script => "台本の作成",
            PipelineStep.Audio => "音声の生成",
            PipelineStep.Slides => "スライドの作成",
            _ => "動画の書き出し",
        };
        var why = ex switch
        {
            _ when IsDiskFull(ex) => "サーバーの保存領域がいっぱいです。時間をおいてもう一度お試しください。",
            ProcessFailedException { Message: var m } when m.Contains("was stopped", StringComparison.Ordinal) => "処理が止まったか時間がかかりすぎたため中断しました。",
            ProcessFailedException { Message: var m } when m.Contains("could not be started", StringComparison.Ordinal) => "必要なプログラムを起動できませんでした。",
            HttpRequestException or TimeoutException or OperationCanceledException when step == PipelineStep.Audio => "音声合成エンジンに接続できませんでした。時間をおいて再試行してください。",
            SsrfRefusedException => "このアドレスにはアクセスできません。",
            _ => "",
        };
        return $"{what}に失敗しました。{why}".TrimEnd();
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
