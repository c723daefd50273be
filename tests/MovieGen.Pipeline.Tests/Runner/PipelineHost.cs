using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MovieGen.Pipeline.Tests.Runner;

/// <summary>The pipeline as the worker builds it: <c>AddMovieGenPipeline</c> over settings given
/// by their environment names.</summary>
public sealed class PipelineHost : IDisposable
{
    private readonly ServiceProvider provider;

    public PipelineHost(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        provider = new ServiceCollection().AddMovieGenPipeline(configuration).BuildServiceProvider(validateScopes: true);
    }

    public PipelineRunner Runner => provider.GetRequiredService<PipelineRunner>();

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public void Dispose() => provider.Dispose();
}
