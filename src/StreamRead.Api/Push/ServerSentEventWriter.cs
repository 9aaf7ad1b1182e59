using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace StreamRead.Api.Push;

/// <summary>
/// Writes the text/event-stream format: per event an <c>event:</c> line (receipt, badge, ready), an
/// <c>id:</c> line with the conversation version where one applies, one <c>data:</c> line of JSON
/// and a blank line; comment lines (<c>: ping</c>) keep an idle connection open through proxies.
/// </summary>
internal sealed class ServerSentEventWriter(HttpResponse response)
{
    private readonly StringBuilder _buffer = new();

    /// <summary>Asks the client to reconnect after <paramref name="delay"/> when the connection drops.</summary>
    public Task WriteRetryAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        WriteAndFlushAsync(string.Create(CultureInfo.InvariantCulture, $"retry: {(long)delay.TotalMilliseconds}\n\n"), cancellationToken);

    public Task WriteCommentAsync(string comment, CancellationToken cancellationToken) =>
        WriteAndFlushAsync($": {comment}\n\n", cancellationToken);

    /// <summary>Writes the events in one flush.</summary>
    public Task WriteAsync(IReadOnlyList<PushEvent> events, CancellationToken cancellationToken)
    {
        _buffer.Clear();
        foreach (var pushEvent in events)
        {
            _buffer.Append("event: ").Append(NameOf(pushEvent.Kind)).Append('\n');
            if (pushEvent.Version > 0)
            {
                _buffer.Append("id: ").Append(pushEvent.Version.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            // Compact JSON has no line breaks, so one data line carries it.
            _buffer.Append("data: ").Append(Serialize(pushEvent)).Append("\n\n");
        }

        return WriteAndFlushAsync(_buffer.ToString(), cancellationToken);
    }

    public static string NameOf(PushEventKind kind) => kind switch
    {
        PushEventKind.Receipt => "receipt",
        PushEventKind.Badge => "badge",
        PushEventKind.Ready => "ready",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown event kind"),
    };

    private static string Serialize(PushEvent pushEvent) => pushEvent switch
    {
        ReceiptEvent receipt => JsonSerializer.Serialize(receipt, ApiJsonContext.Default.ReceiptEvent),
        BadgeEvent badge => JsonSerializer.Serialize(badge, ApiJsonContext.Default.BadgeEvent),
        ReadyEvent ready => JsonSerializer.Serialize(ready, ApiJsonContext.Default.ReadyEvent),
        _ => throw new ArgumentException($"{pushEvent.GetType().Name} has no wire format", nameof(pushEvent)),
    };

    private async Task WriteAndFlushAsync(string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
