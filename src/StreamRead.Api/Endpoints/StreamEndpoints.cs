using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamRead.Api.Push;

namespace StreamRead.Api.Endpoints;

/// <summary><c>GET /v1/stream?conversationId=..&amp;userId=..</c>: live receipts and badges as Server-Sent Events (SPEC 4, 2.8).</summary>
internal static class StreamEndpoints
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    public static void MapStream(this RouteGroupBuilder v1) =>
        v1.MapGet("/stream", StreamAsync)
            .WithName("Stream")
            .WithTags("Push")
            .WithSummary("Live receipt and badge updates (Server-Sent Events)")
            .WithDescription(
                "Repeat conversationId for receipt events of several conversations and userId for badge events of several users; " +
                "at least one is required. The stream first sends the current state (receipts of the latest messages of each " +
                "conversation, the badges of each user), then 'ready', then live changes. Events: receipt {conversationId, seq, " +
                "read, unread, eligible, version}, badge {userId, conversationId, unread, readSeq, lastSeq, member, total, version}, " +
                "ready {conversationIds, userIds}; id is the conversation version. Values are absolute: a slow client skips " +
                "intermediate values. Badges carry private read positions and go only to streams filtered by that userId. " +
                "Comment lines (': ping') keep idle connections open. EventSource clients may authenticate with ?access_token=<key>.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <param name="conversationId">Conversations whose receipt events to send (repeatable).</param>
    /// <param name="userId">Users whose badge events to send (repeatable).</param>
    private static async Task StreamAsync(
        HttpContext context, string[]? conversationId, string[]? userId, PushHub hub, IOptions<PushOptions> options, ILoggerFactory loggers)
    {
        var o = options.Value;
        if (ParseFilter(conversationId ?? [], userId ?? [], o, out var filter) is { } problem)
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        var closed = context.RequestAborted;
        var subscription = hub.Subscribe(filter);
        try
        {
            try
            {
                await hub.SendSnapshotAsync(subscription, closed);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                Log.SnapshotFailed(loggers.CreateLogger("StreamRead.Api.Stream"), e.Message);
                await ApiProblems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                    "the serving store (Redis) is unreachable, so the stream cannot start with the current state: retry shortly");
                return;
            }

            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events through as they come
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var writer = new ServerSentEventWriter(response);
            await writer.WriteRetryAsync(ReconnectDelay, closed);
            await PumpAsync(subscription, writer, hub, o.HeartbeatInterval, closed);
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
        finally
        {
            hub.Unsubscribe(subscription);
            if (subscription.Dropped > 0)
            {
                Log.SlowClient(loggers.CreateLogger("StreamRead.Api.Stream"), Describe(filter), subscription.Dropped);
            }
        }
    }

    private static async Task PumpAsync(PushSubscription subscription, ServerSentEventWriter writer, PushHub hub, TimeSpan heartbeat, CancellationToken closed)
    {
        while (!closed.IsCancellationRequested)
        {
            var events = subscription.Drain();
            if (events.Count > 0)
            {
                await writer.WriteAsync(events, closed);
                hub.RecordWritten(events);
                continue;
            }

            if (!await subscription.WaitAsync(heartbeat, closed))
            {
                await writer.WriteCommentAsync("ping", closed);
            }
        }
    }

    internal static string? ParseFilter(string?[] conversationIds, string?[] userIds, PushOptions options, out StreamFilter filter)
    {
        var conversations = conversationIds.Distinct(StringComparer.Ordinal).ToList();
        var users = userIds.Distinct(StringComparer.Ordinal).ToList();
        filter = new StreamFilter([.. conversations.OfType<string>()], [.. users.OfType<string>()]);
        if (conversations.Count == 0 && users.Count == 0)
        {
            return "pass conversationId (receipt events) and/or userId (badge events), e.g. /v1/stream?conversationId=g-42&userId=u-9";
        }

        if (conversations.Count > options.MaxConversationsPerStream)
        {
            return $"at most {options.MaxConversationsPerStream} conversationId values per stream (Api:Push:MaxConversationsPerStream); open another stream for more";
        }

        if (users.Count > options.MaxUsersPerStream)
        {
            return $"at most {options.MaxUsersPerStream} userId values per stream (Api:Push:MaxUsersPerStream); open another stream for more";
        }

        return conversations.Select(c => RequestParameters.CheckId("conversationId", c)).Concat(users.Select(u => RequestParameters.CheckId("userId", u)))
            .FirstOrDefault(p => p is not null);
    }

    private static string Describe(StreamFilter filter) =>
        $"conversations [{string.Join(",", filter.ConversationIds)}] users [{string.Join(",", filter.UserIds)}]";
}
