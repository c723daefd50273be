using System.Runtime.InteropServices;
using MovieGen.Cli;
using Spectre.Console;

using var cancel = new CancellationTokenSource();

// First Ctrl-C cancels the run (child processes are killed, exit code 130); a second one ends
// the process at once.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});

return await MovieGenCli.RunAsync(args, AnsiConsole.Console, Console.Error, cancel.Token);
