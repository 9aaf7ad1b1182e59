using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamRead.Kafka.Producing;

namespace StreamRead.Kafka.Configuration;

/// <summary>Registers StreamRead's Kafka client settings and the gateway producer.</summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="KafkaOptions"/> to the <c>Kafka</c> section (validated at start) and registers
    /// <see cref="KafkaClientConfigFactory"/> and <see cref="IChatEventProducer"/> as singletons.
    /// </summary>
    public static IServiceCollection AddStreamReadKafka(this IServiceCollection services)
    {
        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>());
        services.TryAddSingleton<KafkaClientConfigFactory>();
        services.TryAddSingleton<IChatEventProducer>(provider =>
            new ChatEventProducer(provider.GetRequiredService<KafkaClientConfigFactory>()));
        return services;
    }
}
