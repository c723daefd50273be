using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MovieGen;
using MovieGen.Bench.Pipeline;
using MovieGen.Pipeline;
using MovieGen.Pipeline.Processes;

// Usage: MovieGen.Bench.Pipeline [--out <markdown file>] [--runs N]
// Settings (VIDEO_RESOLUTION, …) come from the environment like everywhere else; the fixtures are
// served on loopback, so private addresses are allowed for this process only.
var outPath = Value("--out");
var runs = int.Parse(Value("--runs") ?? "3", CultureInfo.InvariantCulture);

// The same pipeline twice, with the characters on screen and as the plain slideshow
// (CHARACTERS=off), measured alternately in one run so the machine's load hits both alike.
ServiceProvider Pipeline(string characters) => new ServiceCollection()
    .AddMovieGenPipeline(new ConfigurationBuilder()
        .AddEnvironmentVariables()
        .AddInMemoryCollection([new("ALLOW_PRIVATE_URLS", "true"), new("CHARACTERS", characters)])
        .Build())
    .BuildServiceProvider();
await using var withCharacters = Pipeline("on");
await using var slideshow = Pipeline("off");
var options = withCharacters.GetRequiredService<PipelineOptions>();
var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
using var server = new FixtureServer(fixtures);

var results = new List<ArticleResult>();
foreach (var (file, name, language) in new[] { ("article-ja.html", "SQLite WAL", "ja"), ("article-en.html", "HTTP caching", "en") })
{
    var measurements = new List<RunMeasurement>();
    var plain = new List<RunMeasurement>();
    for (var run = 1; run <= runs; run++)
    {
        foreach (var (services, into, mode) in new[] { (withCharacters, measurements, "characters"), (slideshow, plain, "off") })
        {
            var job = Path.Combine(Path.GetTempPath(), $"moviegen-bench-{Guid.NewGuid():N}");
            try
            {
                var m = await RunMeasurement.MeasureAsync(services, server.UrlOf(file), job, compareEncodes: into == plain, CancellationToken.None);
                into.Add(m);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name} ({mode}) run {run}/{runs}: {m.VideoSeconds:0.0} s video in {m.TotalSeconds:0.00} s; video stage {m.StageSeconds[PipelineStep.Video]:0.00} s ({m.VideoStageSpeed:0.0}×); peak {m.PeakRssMiB:0} MiB + ffmpeg {m.FfmpegPeakRssMiB:0} MiB; {m.Frames} frames"));
            }
            finally
            {
                Directory.Delete(job, recursive: true);
            }
        }
    }

    results.Add(new ArticleResult(name, language, ArticleCharacters(Path.Combine(fixtures, file), language), measurements, plain));
}

var ffmpegVersion = (await ProcessRunner.RunAsync(new ProcessSpec(options.FfmpegPath, ["-version"], TimeSpan.FromSeconds(10)), CancellationToken.None))
    .StandardOutput.Split('\n')[0].Split(" Copyright")[0];
var environment = $"{Environment.ProcessorCount} cores, {ffmpegVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}";
var markdown = Report.Markdown(results, options.VideoResolution.Replace("x", "×", StringComparison.Ordinal), runs, environment);
Console.WriteLine(markdown);
if (outPath is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
    await File.WriteAllTextAsync(outPath, markdown);
}

return 0;

string? Value(string option)
{
    var i = Array.IndexOf(args, option);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

// Characters of the article body as a reader counts them (tags and whitespace runs removed).
static int ArticleCharacters(string path, string language)
{
    var html = File.ReadAllText(path);
    var article = html[html.IndexOf("<article>", StringComparison.Ordinal)..html.IndexOf("</article>", StringComparison.Ordinal)];
    var text = Regex.Replace(Regex.Replace(article, "<[^>]+>", ""), @"\s+", language == "ja" ? "" : " ");
    return text.Trim().Length;
}
