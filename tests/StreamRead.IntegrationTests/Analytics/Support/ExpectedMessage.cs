namespace StreamRead.IntegrationTests.Analytics.Support;

/// <summary>A message fact the workload must produce.</summary>
internal sealed record ExpectedMessage(string ConversationId, long Seq, DateTimeOffset SentAt, long Eligible, long GroupSize);
