using MovieGen.Soak;

// `make soak`: one bounded end-to-end run of the real stack under load, faults and hostile input;
// writes docs/RELIABILITY.md. Exit code 1 when a required outcome was not met.
var profile = args.Contains("--smoke") ? SoakProfile.Smoke : SoakProfile.Full;
var outPath = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
var machine = args.SkipWhile(a => a != "--machine").Skip(1).FirstOrDefault() ?? "";
var clock = System.Diagnostics.Stopwatch.StartNew();
void Log(string line) => Console.Error.WriteLine($"[soak {clock.Elapsed:mm\\:ss}] {line}");

var result = await SoakScenario.RunAsync(profile, Log);
var report = SoakReport.Markdown(result, "make soak", machine);
if (outPath is not null)
{
    await File.WriteAllTextAsync(outPath, report);
    Log($"wrote {outPath}");
}
else
{
    Console.WriteLine(report);
}

foreach (var violation in result.Violations)
{
    Log($"NOT MET: {violation}");
}

return result.Violations.Count == 0 ? 0 : 1;
