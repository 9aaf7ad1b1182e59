using System.Text.Json;

namespace StreamRead.Chaos;

/// <summary>One open <c>/v1/stream</c>: collects every event it receives until disposed.</summary>
internal sealed class ServerSentEvents : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string Event, JsonElement Data)> _events = [];
    private readonly Task _reading;

    private ServerSentEvents(HttpClient api, string query)
    {
        Query = query;
        _reading = ReadAsync(api, query, _stop.Token);
    }

    public string Query { get; }

    public static ServerSentEvents Open(HttpClient api, string query) => new(api, query);

    /// <summary>The events so far.</summary>
    public List<(string Event, JsonElement Data)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(HttpClient api, string query, CancellationToken stop)
    {
        using var response = await api.GetAsync("/v1/stream?" + query, HttpCompletionOption.ResponseHeadersRead, stop);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
        var name = "message";
        while (await reader.ReadLineAsync(stop) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
                lock (_events)
                {
                    _events.Add((name, data));
                }
            }
            else if (line.Length == 0)
            {
                name = "message";
            }
        }
    }
}
