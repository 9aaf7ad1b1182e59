using System.Net;
using Microsoft.Extensions.Options;
using StreamRead.Api.Tests.Fixtures;
using Xunit;

namespace StreamRead.Api.Tests.Contract;

/// <summary>SPEC 4: bearer tokens from configuration protect /v1 (receipts are private data).</summary>
public sealed class AuthTests(RedisServerFixture redis) : IAsyncLifetime
{
    private const string Key = "test-key-0123456789abcdef";
    private readonly string _prefix = redis.NewKeyPrefix();
    private ApiHost? _api;

    private HttpClient Client => _api!.Client;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Endpoint,
            ["Redis:KeyPrefix"] = _prefix,
            ["Api:Auth:Enabled"] = "true",
            ["Api:Auth:Keys:0"] = "another-key-that-is-long-enough",
            ["Api:Auth:Keys:1"] = Key,
        }, cancellationToken: TestContext.Current.CancellationToken);
        await ServingData.WriteAsync(redis, _prefix, ServingData.Group("g"));
    }

    public async ValueTask DisposeAsync() => await _api!.DisposeAsync();

    [Theory]
    [InlineData("/v1/conversations/g/messages/1/receipt")]
    [InlineData("/v1/conversations/g/messages/1/readers")]
    [InlineData("/v1/users/u-b/unread")]
    [InlineData("/v1/stream?conversationId=g")]
    [InlineData("/v1/pipeline")]
    public async Task Every_v1_endpoint_needs_a_key(string path)
    {
        var detail = await Http.GetProblemAsync(Client, path, HttpStatusCode.Unauthorized);

        Assert.Contains("Authorization: Bearer", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_401_with_a_bearer_challenge()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users/u-b/unread");
        request.Headers.Authorization = new("Bearer", Key + "x");
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Any_configured_key_is_accepted()
    {
        var (status, body, _) = await Http.GetAsync(Client, "/v1/users/u-b/unread", bearer: Key);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, (long)body!["total"]!);
    }

    [Fact]
    public async Task The_access_token_query_parameter_works_for_the_stream_only()
    {
        using var stream = await Client.GetAsync($"/v1/stream?conversationId=g&access_token={Key}", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var detail = await Http.GetProblemAsync(Client, $"/v1/users/u-b/unread?access_token={Key}", HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(detail);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/")]
    public async Task Health_OpenAPI_and_the_page_need_no_key(string path)
    {
        using var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_declares_the_bearer_scheme()
    {
        var document = await Http.GetOkAsync(Client, "/openapi/v1.json");

        Assert.Equal("bearer", (string?)document["components"]?["securitySchemes"]?["Bearer"]?["scheme"]);
    }

    [Fact]
    public void Keys_are_required_when_authentication_is_on()
    {
        var validator = new Auth.ApiAuthOptionsValidator();

        var none = validator.Validate(null, new Auth.ApiAuthOptions { Enabled = true });
        var shortKey = validator.Validate(null, new Auth.ApiAuthOptions { Enabled = true, Keys = ["short"] });
        var off = validator.Validate(null, new Auth.ApiAuthOptions { Enabled = false });

        Assert.Contains("Api:Auth:Keys is empty", none.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("shorter than 16", shortKey.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(ValidateOptionsResult.Success, off);
    }
}
