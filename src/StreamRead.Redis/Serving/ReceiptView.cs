namespace StreamRead.Redis.Serving;

/// <summary>The read counts of one message (SPEC 4: <c>GET .../messages/{seq}/receipt</c>).</summary>
public sealed record ReceiptView(string ConversationId, long Seq, long Read, long Unread, long Eligible);
