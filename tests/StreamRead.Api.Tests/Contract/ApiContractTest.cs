using StreamRead.Api.Tests.Fixtures;
using Xunit;

namespace StreamRead.Api.Tests.Contract;

/// <summary>Base of the contract tests: the API without authentication over its own Redis keys.</summary>
public abstract class ApiContractTest(RedisServerFixture redis) : IAsyncLifetime
{
    private ApiHost? _api;

    protected RedisServerFixture Redis { get; } = redis;

    protected string KeyPrefix { get; } = redis.NewKeyPrefix();

    protected HttpClient Client => (_api ?? throw new InvalidOperationException("not initialized")).Client;

    public virtual async ValueTask InitializeAsync()
    {
        _api = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = Redis.Endpoint,
            ["Redis:KeyPrefix"] = KeyPrefix,
            ["Api:Auth:Enabled"] = "false",
        }, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
