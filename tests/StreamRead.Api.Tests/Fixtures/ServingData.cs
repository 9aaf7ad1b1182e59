using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using StreamRead.Redis;
using StreamRead.Redis.Sink;
using Xunit;

namespace StreamRead.Api.Tests.Fixtures;

/// <summary>
/// Serving data written the way production writes it: <c>streamread.receipts</c> updates applied
/// by the Redis sink's writer. The <see cref="Group"/> conversation is the contract tests' example.
/// </summary>
internal static class ServingData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Conversation <paramref name="id"/>: members u-a (sender of 1, 2, 3 and 5; seq 4 is a gap),
    /// u-b (read up to 2 publicly), u-c (read up to 3 privately: public watermark 0), u-d (read
    /// nothing); all joined at the start. Counts: eligible 3 for every message, read 1 for seqs 1
    /// and 2 (u-b), 0 for 3 and 5 (u-c's read is private, SPEC 2.6). Badges: u-a 0, u-b 2 (3 and 5),
    /// u-c 1 (5), u-d 4.
    /// </summary>
    /// <param name="hotWindowFrom">Counts are sent for seqs at or above it only; older ones are derived by the reader.</param>
    public static ReceiptUpdate Group(string id, long hotWindowFrom = 1) => new(id, 10, ConversationKind.Group, 5, 4, hotWindowFrom, Now)
    {
        Messages = [Message(1), Message(2), Message(3), Message(5)],
        Counts = new[] { Count(1, 1), Count(2, 1), Count(3, 0), Count(5, 0) }.Where(c => c.Seq >= hotWindowFrom).ToList(),
        Members = [new("u-a", true, 0, 5), new("u-b", true, 0, 2), new("u-c", true, 0, 0), new("u-d", true, 0, 0)],
        Watermarks = [new("u-a", 5), new("u-b", 2)],
        Badges = [new("u-a", 0, 5), new("u-b", 2, 2), new("u-c", 1, 3), new("u-d", 4, 0)],
    };

    /// <summary>A conversation where u-sender sent seq 1 and <paramref name="readers"/> members read it, <paramref name="others"/> did not.</summary>
    public static ReceiptUpdate Crowd(string id, int readers, int others)
    {
        var read = Enumerable.Range(0, readers).Select(i => $"r-{i:D3}").ToList();
        var unread = Enumerable.Range(0, others).Select(i => $"n-{i:D3}").ToList();
        return new ReceiptUpdate(id, 1, ConversationKind.Group, 1, 1, 1, Now)
        {
            Messages = [new ReceiptMessage(1, "u-sender", Now)],
            Counts = [new ReceiptCount(1, readers, others, readers + others)],
            Members = [new("u-sender", true, 0, 1), .. read.Select(u => new ReceiptMember(u, true, 0, 1)), .. unread.Select(u => new ReceiptMember(u, true, 0, 0))],
            Watermarks = [new("u-sender", 1), .. read.Select(u => new ReceiptWatermark(u, 1))],
            Badges = [new("u-sender", 0, 1), .. read.Select(u => new ReceiptBadge(u, 0, 1)), .. unread.Select(u => new ReceiptBadge(u, 1, 0))],
        };
    }

    /// <summary>The next version of <see cref="Crowd"/>: <paramref name="userId"/> read on to <paramref name="readSeq"/>.</summary>
    public static ReceiptUpdate CrowdReaderMoved(string id, string userId, long readSeq) => new(id, 2, ConversationKind.Group, 1, 1, 1, Now)
    {
        Members = [new ReceiptMember(userId, true, 0, readSeq)],
        Watermarks = [new ReceiptWatermark(userId, readSeq)],
    };

    public static Task WriteAsync(RedisServerFixture redis, string keyPrefix, params ReceiptUpdate[] updates) =>
        new RedisReceiptWriter(redis.Connection, new RedisOptions { KeyPrefix = keyPrefix })
            .WriteAsync(updates, TestContext.Current.CancellationToken);

    private static ReceiptMessage Message(long seq) => new(seq, "u-a", Now.AddSeconds(seq));

    private static ReceiptCount Count(long seq, long read) => new(seq, read, 3 - read, 3);
}
