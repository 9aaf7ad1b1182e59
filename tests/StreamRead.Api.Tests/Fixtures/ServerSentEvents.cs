using System.Text.Json.Nodes;
using Xunit;

namespace StreamRead.Api.Tests.Fixtures;

/// <summary>One event of a text/event-stream: its name, id and JSON data.</summary>
internal sealed record ServerSentEvent(string Name, string? Id, JsonNode Data)
{
    public override string ToString() => $"{Name} {Id} {Data.ToJsonString()}";
}

/// <summary>Reads an open /v1/stream response event by event, as a browser's EventSource does.</summary>
internal sealed class ServerSentEvents : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private ServerSentEvents(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>Every event read so far, in order.</summary>
    public List<ServerSentEvent> Seen { get; } = [];

    public static async Task<ServerSentEvents> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return new ServerSentEvents(response, new StreamReader(stream));
    }

    /// <summary>Reads until an event matches, or fails after <paramref name="timeout"/> listing what came.</summary>
    public async Task<ServerSentEvent> WaitForAsync(Func<ServerSentEvent, bool> match, TimeSpan timeout, string what)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var next = await ReadEventAsync(deadline.Token);
                Seen.Add(next);
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"no {what} within {timeout.TotalSeconds} s; events seen:{Environment.NewLine}{string.Join(Environment.NewLine, Seen)}");
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<ServerSentEvent> ReadEventAsync(CancellationToken cancellationToken)
    {
        string? name = null, id = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("the server closed the stream");
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new ServerSentEvent(name ?? "message", id, JsonNode.Parse(data)!);
                }

                name = id = null; // a comment block (heartbeat) or the retry field
                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }
    }
}
