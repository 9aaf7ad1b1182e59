using Microsoft.Extensions.Logging;

namespace StreamRead.LoadGen;

/// <summary>The load generator's log messages, with stable event ids (5100-5199).</summary>
internal static partial class Log
{
    [LoggerMessage(5100, LogLevel.Information, "loadgen: {Conversations} conversations (1:1 up to a {LargestGroup}-member group, {Memberships} memberships), {Rate} messages/s")]
    public static partial void Starting(ILogger logger, int conversations, int largestGroup, long memberships, double rate);

    [LoggerMessage(5101, LogLevel.Information, "loadgen: {Progress}")]
    public static partial void Progress(ILogger logger, string progress);

    [LoggerMessage(5102, LogLevel.Warning, "loadgen: {Failed} events were not delivered (last error: {Reason}); is the broker reachable?")]
    public static partial void DeliveryFailed(ILogger logger, long failed, string reason);
}
