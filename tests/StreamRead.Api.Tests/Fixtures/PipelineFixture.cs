using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StreamRead.Contracts.Events;
using StreamRead.Kafka.Configuration;
using StreamRead.Kafka.Dev;
using StreamRead.Kafka.Producing;
using StreamRead.Kafka.Topics;
using StreamRead.LocalServices;
using StreamRead.Redis.Hosting;
using StreamRead.Runtime.Hosting;
using StreamRead.Runtime.Kafka;
using Xunit;

namespace StreamRead.Api.Tests.Fixtures;

/// <summary>
/// The whole pipeline in one host, as <c>streamread up --no-demo</c> runs it: a dev broker with the
/// topics of topics/, a local Redis, the processor, the Redis sink and the API with its push
/// consumer on a free loopback port. Tests produce with <see cref="Producer"/> and use their own
/// conversation ids.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    private static readonly TimeSpan ProcessorStartTimeout = TimeSpan.FromSeconds(60);

    private DevBroker? _broker;
    private LocalRedisServer? _redis;
    private DirectoryInfo? _folder;
    private ApiHost? _api;
    private ChatEventProducer? _producer;

    public Uri Address => Api.Address;

    public HttpClient Client => Api.Client;

    public IChatEventProducer Producer => _producer ?? throw new InvalidOperationException("the pipeline is not started");

    private ApiHost Api => _api ?? throw new InvalidOperationException("the pipeline is not started");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _broker = DevBroker.Start(new DevBrokerOptions { Port = 0, Catalog = TopicCatalog.LoadDefault() });
        _folder = Directory.CreateTempSubdirectory("streamread-pipeline-");
        _redis = new LocalRedisServer(new LocalServicesOptions { DataDirectory = _folder.FullName, Redis = { Port = 0 } });
        await _redis.StartAsync(cancellationToken);
        _api = await ApiHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
                ["Redis:Configuration"] = _redis.Endpoint,
                ["Api:Auth:Enabled"] = "false",
            },
            services =>
            {
                services.AddStreamReadProcessor();
                services.AddStreamReadRedisSink();
            },
            pushConsumer: true,
            cancellationToken);
        _producer = new ChatEventProducer(new KafkaClientConfigFactory(new KafkaOptions { BootstrapServers = _broker.BootstrapServers, ClientId = "api-tests" }));

        // The processor joins its group and restores before it applies anything.
        var status = Api.Services.GetRequiredService<ProcessorStatus>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProcessorStartTimeout);
        while (!status.IsRunning)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _producer?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        _folder?.Delete(recursive: true);
    }

    /// <summary>Members join <paramref name="conversationId"/> from the start, then <paramref name="sender"/> sends seq 1.</summary>
    public async Task StartConversationAsync(string conversationId, string sender, params string[] members)
    {
        var at = DateTimeOffset.UtcNow;
        foreach (var member in members.Prepend(sender))
        {
            await Producer.ProduceAsync(new MembershipChanged(conversationId, member, MembershipChange.Joined, at.AddSeconds(-1), 0), TestContext.Current.CancellationToken);
        }

        await Producer.ProduceAsync(new MessageSent(conversationId, 1, sender, at), TestContext.Current.CancellationToken);
    }

    /// <summary>Polls the API until the receipt of seq 1 has <paramref name="read"/> readers (the pipeline processed what was produced).</summary>
    public async Task<JsonNode> WaitForReceiptAsync(string conversationId, long read, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            using var response = await Client.GetAsync($"/v1/conversations/{conversationId}/messages/1/receipt", deadline.Token);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<JsonNode>(deadline.Token) is { } body && (long)body["read"]! == read)
            {
                return body;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }
}
