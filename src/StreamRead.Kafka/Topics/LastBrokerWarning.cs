using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace StreamRead.Kafka.Topics;

/// <summary>
/// The last warning a client's librdkafka logged, without its thread prefix: an admin call that
/// fails with only "Local: Timed out" can then name the cause ("127.0.0.1:1/bootstrap: Connect to
/// ipv4#127.0.0.1:1 failed: Connection refused"). Pass <see cref="Record"/> to the client builder's
/// <c>SetLogHandler</c>; it also keeps librdkafka's lines from burying the one error a command prints.
/// </summary>
public sealed partial class LastBrokerWarning
{
    private volatile string? _message;

    /// <summary>The last warning or error logged, or null.</summary>
    public string? Message => _message;

    /// <summary>The log handler: keeps warnings and worse, drops the rest.</summary>
    public void Record(IClient client, LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Level <= SyslogLevel.Warning)
        {
            _message = LogPrefix().Replace(message.Message, "");
        }
    }

    /// <summary>"[thrd:app]: streamread#producer-1: 127.0.0.1:1/bootstrap: Connect ... failed" -> "127.0.0.1:1/bootstrap: Connect ... failed".</summary>
    [GeneratedRegex(@"^(\[thrd:[^\]]*\]: )?(\S+#\S+: )?")]
    private static partial Regex LogPrefix();
}
