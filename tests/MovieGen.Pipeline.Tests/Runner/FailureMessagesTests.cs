using MovieGen.Pipeline.Processes;

namespace MovieGen.Pipeline.Tests.Runner;

public sealed class FailureMessagesTests
{
    private static IOException RealDiskFull()
    {
        // /dev/full answers every write with ENOSPC: the real exception a full disk gives.
        try
        {
            using var stream = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            stream.Write(new byte[4096]);
            stream.Flush();
        }
        catch (IOException ex)
        {
            return ex;
        }

        throw new InvalidOperationException("/dev/full accepted a write");
    }

    [Fact]
    public void A_full_disk_is_recognised_from_the_operating_systems_error()
    {
        FailureMessages.IsDiskFull(RealDiskFull()).ShouldBeTrue();
    }

    [Fact]
    public void A_full_disk_while_fetching_says_so_instead_of_blaming_the_article()
    {
        var message = FailureMessages.For(PipelineStep.Fetch, new InvalidOperationException("wrapped", RealDiskFull()));

        message.Ja.ShouldContain("保存領域がいっぱい");
        message.En.ShouldContain("storage is full");
    }

    [Fact]
    public void Ffmpeg_reporting_no_space_left_is_a_full_disk()
    {
        var ffmpeg = new ProcessFailedException("ffmpeg exited with code 1", new ProcessResult(1, "", "av_interleaved_write_frame(): No space left on device"));

        FailureMessages.For(PipelineStep.Video, ffmpeg).ShouldBe(new UserText(
            "動画の書き出しに失敗しました。サーバーの保存領域がいっぱいです。時間をおいてもう一度お試しください。",
            "Encoding the video failed. The server's storage is full. Please try again later."));
    }

    [Fact]
    public void Other_io_errors_are_not_called_a_full_disk()
    {
        FailureMessages.IsDiskFull(new IOException("Broken pipe")).ShouldBeFalse();
        FailureMessages.For(PipelineStep.Audio, new IOException("Broken pipe")).ShouldBe(new UserText("音声の生成に失敗しました。", "Generating the narration failed."));
    }

    public static TheoryData<PipelineStep, Exception, string, string> Failures => new()
    {
        { PipelineStep.Fetch, new InvalidOperationException("boom"), "記事の取得に失敗しました。", "Fetching the article failed." },
        { PipelineStep.Script, new InvalidOperationException("boom"), "台本の作成に失敗しました。", "Writing the script failed." },
        { PipelineStep.Audio, new HttpRequestException("refused"), "音声合成エンジンに接続できませんでした", "The speech engine could not be reached" },
        { PipelineStep.Slides, new InvalidOperationException("boom"), "スライドの作成に失敗しました。", "Drawing the slides failed." },
        { PipelineStep.Video, new ProcessFailedException("ffmpeg made no progress", kind: ProcessFailure.Stalled), "時間がかかりすぎたため中断しました", "took too long and was stopped" },
        { PipelineStep.Video, new ProcessFailedException("ffmpeg timed out", kind: ProcessFailure.TimedOut), "時間がかかりすぎたため中断しました", "took too long and was stopped" },
        { PipelineStep.Audio, new ProcessFailedException("espeak-ng could not be started", kind: ProcessFailure.NotStarted), "必要なプログラムを起動できませんでした", "could not be started" },
        { PipelineStep.Video, new ProcessFailedException("ffmpeg exited with code 1"), "動画の書き出しに失敗しました。", "Encoding the video failed." },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Every_step_failure_reads_in_both_languages(PipelineStep step, Exception failure, string japanese, string english)
    {
        var message = FailureMessages.For(step, failure);

        message.In(Lang.Ja).ShouldContain(japanese);
        message.In(Lang.En).ShouldContain(english);
        message.In(Lang.En).ShouldNotContain("失敗");
    }
}
