using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MovieGen.Net;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Content;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Slides;
using MovieGen.Pipeline.Video;

namespace MovieGen.Pipeline;

/// <summary>Dependency-injection registration of the pipeline, for the worker and the CLI.</summary>
public static class ServiceCollectionExtensions
{
    private const string VoicevoxClient = "voicevox";
    private const string SlideImageClient = "slide-images";
    private const string ScriptWriterClient = "openrouter";

    /// <summary>Registers the pipeline: <see cref="PipelineOptions"/> bound from the environment
    /// names at the root of <paramref name="configuration"/> and validated at start-up, the
    /// article fetcher, the script writer (offline, or the LLM writer when OPENROUTER_API_KEY is
    /// set), the synthesizer (espeak-ng, or VOICEVOX when VOICEVOX_URL is set), the stages and
    /// <see cref="PipelineRunner"/>.</summary>
    public static IServiceCollection AddMovieGenPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLogging();
        services.AddOptions<PipelineOptions>()
            .Bind(configuration)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.ReadingDictionaryPath) || File.Exists(o.ReadingDictionaryPath),
                "READING_DICTIONARY must name an existing file of \"term<TAB>reading\" lines.")
            .Validate(o => SsrfGuard.ValidateAddressList(o.FetchAllowAddresses) is null,
                "FETCH_ALLOW_ADDRESSES must list IP addresses separated by commas.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineOptions>, CharacterSettingsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PipelineOptions>>().Value);

        services.AddSingleton<IArticleFetcher>(sp => ArticleFetcher.Create(sp.GetRequiredService<PipelineOptions>()));

        // The LLM writer and Polly own the timeouts of these calls; HttpClient's own 100 s limit
        // would cut a slow model or a retry sequence short.
        services.AddHttpClient(ScriptWriterClient, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(ScriptWriterClient, (builder, context) =>
                LlmScriptWriter.ConfigureResilience(builder, context.ServiceProvider.GetRequiredService<PipelineOptions>()));
        services.AddTransient(sp => ScriptWriters.Create(
            sp.GetRequiredService<PipelineOptions>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ScriptWriterClient)));

        services.AddHttpClient(VoicevoxClient, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(VoicevoxClient, VoicevoxSynthesizer.ConfigureResilience);
        services.AddTransient<ISpeechSynthesizer>(sp =>
        {
            var options = sp.GetRequiredService<PipelineOptions>();
            return string.IsNullOrWhiteSpace(options.VoicevoxUrl)
                ? new EspeakSynthesizer(options)
                : new VoicevoxSynthesizer(sp.GetRequiredService<IHttpClientFactory>().CreateClient(VoicevoxClient), options);
        });

        services.AddHttpClient(SlideImageClient)
            .ConfigurePrimaryHttpMessageHandler(sp => SafeHttp.CreateHandler(sp.GetRequiredService<PipelineOptions>().CreateGuard()));
        services.AddTransient(sp => new SlideImageLoader(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SlideImageClient),
            sp.GetRequiredService<ILogger<SlideImageLoader>>()));

        services.AddSingleton<FontProvider>();
        services.AddSingleton<CharacterCast>();
        services.AddTransient<AudioStage>();
        services.AddTransient<SlideStage>();
        services.AddTransient<VideoStage>();
        services.AddTransient<PipelineRunner>();
        return services;
    }
}
