using Microsoft.Extensions.Options;

namespace StreamRead.Kafka.Configuration;

/// <summary>Checks <see cref="KafkaOptions"/> at start so a bad setting fails with a sentence, not a client error later.</summary>
internal sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            problems.Add("Kafka:BootstrapServers is empty: set it to the brokers' host:port list (e.g. 127.0.0.1:9092)");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            problems.Add("Kafka:ClientId is empty: set a name brokers can show in their logs (e.g. streamread)");
        }

        foreach (var key in options.Settings.Keys)
        {
            if (KafkaClientConfigFactory.FixedSettings.TryGetValue(key, out var reason))
            {
                problems.Add($"Kafka:Settings:{key} cannot be set: {reason}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
