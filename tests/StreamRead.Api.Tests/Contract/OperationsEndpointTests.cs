using System.Net;
using StreamRead.Api.Tests.Fixtures;
using Xunit;

namespace StreamRead.Api.Tests.Contract;

/// <summary>What operators and client authors use: the OpenAPI document, health, metrics, error shape.</summary>
public sealed class OperationsEndpointTests(RedisServerFixture redis) : ApiContractTest(redis)
{
    [Fact]
    public async Task The_OpenAPI_document_describes_every_SPEC_4_endpoint()
    {
        var document = await Http.GetOkAsync(Client, "/openapi/v1.json");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "/v1/conversations/{conversationId}/messages/{seq}/receipt",
            "/v1/conversations/{conversationId}/messages/{seq}/readers",
            "/v1/users/{userId}/unread",
            "/v1/stream",
        }, paths);
        Assert.NotNull(document["paths"]!["/v1/users/{userId}/unread"]!["get"]!["responses"]!["404"]);
        Assert.Equal(["conversationId", "userId"], document["paths"]!["/v1/stream"]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
    }

    [Fact]
    public async Task Ready_and_live_when_Redis_answers()
    {
        using var ready = await Client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var live = await Client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Not_ready_but_live_when_Redis_is_unreachable()
    {
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=200",
            ["Api:Auth:Enabled"] = "false",
        }, cancellationToken: TestContext.Current.CancellationToken);

        using var ready = await api.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var live = await api.Client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Metrics_are_served_in_the_Prometheus_text_format()
    {
        using var response = await Client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("streamread_push_streams", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        await Http.GetProblemAsync(Client, "/v1/nothing-here", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_live_page_and_its_script_are_served()
    {
        var page = await Client.GetStringAsync("/", TestContext.Current.CancellationToken);
        using var script = await Client.GetAsync("/app.js", TestContext.Current.CancellationToken);

        Assert.Contains("<script src=\"app.js\">", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
