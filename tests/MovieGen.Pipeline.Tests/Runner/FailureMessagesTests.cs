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

        message.ShouldContain("保存領域がいっぱい");
    }

    [Fact]
    public void Ffmpeg_reporting_no_space_left_is_a_full_disk()
    {
        var ffmpeg = new ProcessFailedException("ffmpeg exited with code 1", new ProcessResult(1, "", "av_interleaved_write_frame(): No space left on device"));

        FailureMessages.For(PipelineStep.Video, ffmpeg).ShouldBe("動画の書き出しに失敗しました。サーバーの保存領域がいっぱいです。時間をおいてもう一度お試しください。");
    }

    [Fact]
    public void Other_io_errors_are_not_called_a_full_disk()
    {
        FailureMessages.IsDiskFull(new IOException("Broken pipe")).ShouldBeFalse();
        FailureMessages.For(PipelineStep.Audio, new IOException("Broken pipe")).ShouldBe("音声の生成に失敗しました。");
    }
}
