using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Jobs;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers <see cref="PocketBaseClient"/> and <see cref="JobStore"/> with their
    /// options bound from configuration and validated at start-up.</summary>
    public static IServiceCollection AddJobStore(this IServiceCollection services)
    {
        services.AddOptions<PocketBaseOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PocketBaseOptions>, ProductionSecretsValidator>();
        services.AddOptions<JobStoreOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PocketBaseClient(
            sp.GetRequiredService<IOptions<PocketBaseOptions>>().Value,
            sp.GetRequiredService<ILogger<PocketBaseClient>>(),
            time: sp.GetService<TimeProvider>()));
        services.AddSingleton<JobStore>();
        return services;
    }
}
