using Microsoft.Extensions.Options;
using MovieGen.Jobs;
using MovieGen.Worker;

// The MovieGen worker: claims jobs from PocketBase, runs the video pipeline on them, writes
// progress, and purges expired jobs. Any number of these may run against one PocketBase.
var builder = Host.CreateApplicationBuilder(args);

builder.AddWorkerLogging();
builder.AddWorkerOptions();
builder.Services.AddJobStore();
builder.AddVideoPipeline();
builder.AddJobProcessing();
builder.AddPurge();
builder.AddServerSettings();
builder.AddWorkerMetrics();

try
{
    await builder.Build().RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"MovieGen worker: invalid settings: {string.Join(" ", ex.Failures)}");
    return 2;
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    await Console.Error.WriteLineAsync($"MovieGen worker: invalid settings: {ex.Message}");
    return 2;
}
