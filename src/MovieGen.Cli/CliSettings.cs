using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MovieGen.Pipeline;
using YamlDotNet.RepresentationModel;

namespace MovieGen.Cli;

/// <summary>Settings of one CLI run: the environment names of shared/DESIGN.md §7, optionally
/// from a YAML file given with <c>--config</c>. The file is the more specific, per-run choice,
/// so its values override the environment (e.g. the defaults <c>scripts/env.sh</c> loads from .env).</summary>
public static class CliSettings
{
    /// <param name="environment">Stands in for the process environment (tests); null reads the real one.</param>
    public static IConfiguration Load(string? configFile, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var builder = new ConfigurationBuilder();
        if (environment is null)
        {
            builder.AddEnvironmentVariables();
        }
        else
        {
            builder.AddInMemoryCollection(environment);
        }

        if (configFile is not null)
        {
            builder.AddInMemoryCollection(ReadYaml(configFile));
        }

        return builder.Build();
    }

    /// <summary>The pipeline's services; resolving the options here makes a bad setting fail
    /// now, with its name, rather than halfway through a run.</summary>
    public static ServiceProvider BuildServices(IConfiguration configuration, bool verbose)
    {
        var services = new ServiceCollection()
            .AddMovieGenPipeline(configuration)
            .AddLogging(logging => logging
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter("System.Net.Http", LogLevel.Warning)
                .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning))
            .Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .BuildServiceProvider();
        try
        {
            _ = services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        }
        catch
        {
            services.Dispose();
            throw;
        }

        return services;
    }

    /// <summary>A flat YAML mapping of setting names to scalar values.</summary>
    private static Dictionary<string, string?> ReadYaml(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{path} is not valid YAML ({ex.Start}): {ex.Message}", ex);
        }

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count == 0)
        {
            return settings;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new InvalidDataException($"{path} must be a mapping of setting names to values (VIDEO_RESOLUTION: 1920x1080).");
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || value is not YamlScalarNode scalar)
            {
                throw new InvalidDataException($"{path}: every entry must be NAME: value (found a nested value under {key}).");
            }

            settings[name] = scalar.Value;
        }

        return settings;
    }
}
