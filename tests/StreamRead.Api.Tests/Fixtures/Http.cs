using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace StreamRead.Api.Tests.Fixtures;

/// <summary>Small helpers to read JSON answers and check problem+json errors.</summary>
internal static class Http
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> GetAsync(HttpClient client, string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }

    public static async Task<JsonNode> GetOkAsync(HttpClient client, string path)
    {
        var (status, body, _) = await GetAsync(client, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body?.ToJsonString()}");
        return body!;
    }

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and returns its detail.</summary>
    public static async Task<string> GetProblemAsync(HttpClient client, string path, HttpStatusCode status, string? bearer = null)
    {
        var (actual, body, contentType) = await GetAsync(client, path, bearer);
        Assert.True(actual == status, $"GET {path}: expected {(int)status}, got {(int)actual} {body?.ToJsonString()}");
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal((int)status, (int?)body?["status"]);
        var detail = (string?)body?["detail"];
        Assert.False(string.IsNullOrWhiteSpace(detail), $"GET {path}: the problem has no detail");
        return detail!;
    }

    public static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}{Environment.NewLine}got      {actual?.ToJsonString()}");
}
