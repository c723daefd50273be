using System.Buffers.Binary;
using System.Diagnostics;
using MovieGen.Pipeline.Script;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Runner;

public sealed class CancellationTests : IDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(2);
    private readonly string root = Repo.NewTempDirectory("cancel");

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string JobDirectory => Path.Combine(root, "job");

    [Fact]
    public async Task Cancelling_mid_audio_stops_within_two_seconds_and_leaves_no_espeak_and_no_half_files()
    {
        var input = await WriteScriptAsync(TestScripts.Japanese(sections: 5, linesPerSection: 8));
        using var host = new PipelineHost();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();

        var run = host.Runner.RunAsync(input, JobDirectory,
            new SyncProgress<PipelineProgress>(p =>
            {
                if (p.Step == PipelineStep.Audio && p.Done >= 2)
                {
                    reached.TrySetResult();
                }
            }),
            cts.Token);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        clock.Stop();

        clock.Elapsed.ShouldBeLessThanOrEqualTo(StopBound);
        ChildProcesses.Related(JobDirectory, "espeak-ng", "ffmpeg").ShouldBeEmpty();
        var job = new JobDirectory(JobDirectory);
        var finished = Directory.GetFiles(job.AudioDirectory, "phrase_*.wav");
        finished.Length.ShouldBeLessThan(40, "the stage was stopped before it spoke every line");
        finished.ShouldAllBe(f => IsCompleteWav(f), "a file under a final name is a whole WAV");
        File.Exists(job.VideoPath).ShouldBeFalse();
    }

    [Fact]
    public async Task Cancelling_mid_video_kills_ffmpeg_within_two_seconds_and_leaves_no_output()
    {
        // ffmpeg paced to real time (-re) so the encode is surely still running when cancelled.
        var slowFfmpeg = Path.Combine(root, "ffmpeg-realtime");
        await File.WriteAllTextAsync(slowFfmpeg, "#!/bin/sh\nexec ffmpeg -re \"$@\"\n");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(slowFfmpeg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var input = await WriteScriptAsync(TestScripts.Japanese(sections: 2, linesPerSection: 3));
        using var host = new PipelineHost(("FFMPEG_PATH", slowFfmpeg));
        using var cts = new CancellationTokenSource();

        var run = host.Runner.RunAsync(input, JobDirectory, null, cts.Token);
        await Eventually.TrueAsync(() => run.IsCompleted || ChildProcesses.Related(JobDirectory, "ffmpeg").Count > 0,
            TimeSpan.FromSeconds(60), "ffmpeg is encoding");
        run.IsCompleted.ShouldBeFalse("the run is still encoding");
        ChildProcesses.Related(JobDirectory, "ffmpeg").ShouldNotBeEmpty("ffmpeg is encoding when the cancel comes");
        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        clock.Stop();

        clock.Elapsed.ShouldBeLessThanOrEqualTo(StopBound);
        ChildProcesses.Related(JobDirectory, "ffmpeg").ShouldBeEmpty();
        var job = new JobDirectory(JobDirectory);
        File.Exists(job.VideoPath).ShouldBeFalse();
        Directory.GetFiles(job.Root, "*.mp4", SearchOption.AllDirectories).ShouldBeEmpty("the partial encode is removed");
    }

    [Fact]
    public async Task An_ffmpeg_that_stops_reporting_progress_is_killed_and_the_video_step_fails_as_transient()
    {
        // Stands in for a hung encoder: never prints a progress line, never exits by itself.
        var hung = Path.Combine(root, "ffmpeg-hung");
        await File.WriteAllTextAsync(hung, "#!/bin/sh\nexec python3 -c 'import time; time.sleep(600)' \"$@\"\n");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(hung, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var input = await WriteScriptAsync(TestScripts.Japanese(sections: 1, linesPerSection: 1));
        using var host = new PipelineHost(("FFMPEG_PATH", hung), ("FFMPEG_STALL_TIMEOUT_SECONDS", "5"));

        var error = await Should.ThrowAsync<PipelineException>(() => host.Runner.RunAsync(input, JobDirectory, null, CancellationToken.None));

        error.Step.ShouldBe(PipelineStep.Video);
        error.IsTransient.ShouldBeTrue();
        error.InnerException!.Message.ShouldContain("made no progress for 5 s");
        ChildProcesses.Related(JobDirectory, "python3").ShouldBeEmpty("the hung process was killed");
        File.Exists(new JobDirectory(JobDirectory).VideoPath).ShouldBeFalse();
    }

    private async Task<PipelineInput> WriteScriptAsync(VideoScript script)
    {
        var path = Path.Combine(root, "input.yaml");
        await ScriptYaml.SaveAsync(script, path);
        return PipelineInput.FromScript(path);
    }

    /// <summary>The header's data size matches the bytes present (a cut-off file would not).</summary>
    private static bool IsCompleteWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.Length > 44 && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)) == bytes.Length - 44;
    }
}
