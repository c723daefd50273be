using MovieGen;
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

return await SettingsErrors.RunAsync(() => builder.Build().RunAsync(), "MovieGen.Worker", Console.Error);
