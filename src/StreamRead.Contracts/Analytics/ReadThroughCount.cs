namespace StreamRead.Contracts.Analytics;

/// <summary>How many messages sent in one hour a read advance read within 1 h and within 24 h of their sending.</summary>
/// <param name="SentHour">Start of the hour (UTC) the messages were sent in.</param>
/// <param name="Within1h">Of them, read at most 1 h after they were sent.</param>
/// <param name="Within24h">Of them, read at most 24 h after they were sent (includes <paramref name="Within1h"/>).</param>
public sealed record ReadThroughCount(DateTimeOffset SentHour, long Within1h, long Within24h);
