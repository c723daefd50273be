using System.Diagnostics;
using System.Text;

namespace MovieGen.Pipeline.Processes;

/// <summary>What a child process did: exit code and captured output.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>How to run one child process.</summary>
/// <param name="Timeout">Whole-run limit.</param>
/// <param name="StallTimeout">Kill when no output line arrived for this long (a stalled ffmpeg).</param>
/// <param name="OnOutputLine">Called for every stdout and stderr line (progress parsing).</param>
/// <param name="StandardInput">Written to stdin, then stdin is closed.</param>
public sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    TimeSpan Timeout,
    TimeSpan? StallTimeout = null,
    Action<string>? OnOutputLine = null,
    string? StandardInput = null,
    string? WorkingDirectory = null);

/// <summary>How a child process failed.</summary>
public enum ProcessFailure
{
    /// <summary>It exited with a non-zero code, or did not do its job.</summary>
    Failed,

    /// <summary>The program could not be started (not installed, not executable).</summary>
    NotStarted,

    /// <summary>It ran past its whole-run limit and was killed.</summary>
    TimedOut,

    /// <summary>It made no progress for its stall limit and was killed.</summary>
    Stalled,
}

public sealed class ProcessFailedException(string message, ProcessResult? result = null, ProcessFailure kind = ProcessFailure.Failed)
    : Exception(message)
{
    public ProcessResult? Result { get; } = result;

    public ProcessFailure Kind { get; } = kind;

    /// <summary>Killed for taking too long or making no progress.</summary>
    public bool WasStopped => Kind is ProcessFailure.TimedOut or ProcessFailure.Stalled;
}

/// <summary>The one way this codebase starts a child process: it applies a timeout and a stall
/// timeout, captures output, and on cancellation, timeout or stall kills the whole process tree
/// (ffmpeg and espeak-ng must never outlive the job that started them).</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = spec.StandardInput is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = spec.WorkingDirectory ?? "",
        };
        if (spec.StandardInput is not null)
        {
            psi.StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        foreach (var argument in spec.Arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var lastOutput = Stopwatch.StartNew();
        var stdoutDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderrDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        process.OutputDataReceived += (_, e) => OnLine(e.Data, stdout, stdoutDone);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, stderr, stderrDone);

        void OnLine(string? line, StringBuilder sink, TaskCompletionSource done)
        {
            if (line is null)
            {
                done.TrySetResult();
                return;
            }

            lock (sink)
            {
                sink.AppendLine(line);
            }

            lastOutput.Restart();
            spec.OnOutputLine?.Invoke(line);
        }

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ProcessFailedException($"{spec.FileName} could not be started: {ex.Message}", kind: ProcessFailure.NotStarted);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(spec.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var stalled = false;
        try
        {
            if (spec.StandardInput is not null)
            {
                await process.StandardInput.WriteAsync(spec.StandardInput.AsMemory(), linked.Token);
                process.StandardInput.Close();
            }

            var exited = process.WaitForExitAsync(linked.Token);
            while (spec.StallTimeout is { } stall && !exited.IsCompleted)
            {
                await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(250), linked.Token));
                if (!exited.IsCompleted && lastOutput.Elapsed > stall)
                {
                    stalled = true;
                    break;
                }
            }

            if (!stalled)
            {
                await exited;
                await Task.WhenAll(stdoutDone.Task, stderrDone.Task).WaitAsync(TimeSpan.FromSeconds(5), linked.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // handled below: the tree is killed whatever the reason
        }
        catch (IOException)
        {
            // stdin closed early because the process exited; its exit code tells the rest
        }

        if (stalled || linked.IsCancellationRequested)
        {
            KillTree(process);
            ct.ThrowIfCancellationRequested();
            var why = stalled ? $"made no progress for {spec.StallTimeout!.Value.TotalSeconds:0} s" : $"did not finish within {spec.Timeout.TotalSeconds:0} s";
            throw new ProcessFailedException($"{Path.GetFileName(spec.FileName)} {why} and was stopped.", Snapshot(),
                stalled ? ProcessFailure.Stalled : ProcessFailure.TimedOut);
        }

        return Snapshot();

        ProcessResult Snapshot()
        {
            string o, e;
            lock (stdout)
            {
                o = stdout.ToString();
            }

            lock (stderr)
            {
                e = stderr.ToString();
            }

            return new ProcessResult(process.HasExited ? process.ExitCode : -1, o, e);
        }
    }

    /// <summary>Runs and throws <see cref="ProcessFailedException"/> on a non-zero exit code.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(ProcessSpec spec, CancellationToken ct)
    {
        var result = await RunAsync(spec, ct);
        if (result.ExitCode != 0)
        {
            var tail = result.StandardError.Length > 800 ? result.StandardError[^800..] : result.StandardError;
            throw new ProcessFailedException(
                $"{Path.GetFileName(spec.FileName)} exited with code {result.ExitCode}: {tail.Trim()}", result);
        }

        return result;
    }

    private static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
