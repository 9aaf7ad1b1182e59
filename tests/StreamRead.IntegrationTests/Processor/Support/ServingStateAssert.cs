using System.Globalization;
using StreamRead.Chaos;
using StreamRead.Redis.Serving;

using Xunit;

namespace StreamRead.IntegrationTests.Processor.Support;

/// <summary>Compares what the serving layer answers with the expected state, query by query.</summary>
internal static class ServingStateAssert
{
    /// <summary>
    /// Every conversation's version (records applied exactly once), every seq's receipt (known
    /// ones equal, gaps not found), readers of every known seq in small conversations (both states,
    /// paged), and every user's badges.
    /// </summary>
    public static async Task MatchesAsync(Pipeline pipeline, Oracle expected, int readerListsUpToMembers = 200)
    {
        var database = pipeline.Redis.GetDatabase();
        var ct = TestContext.Current.CancellationToken;
        foreach (var (id, state) in expected.Conversations)
        {
            var version = await database.HashGetAsync(pipeline.Keys.Meta(id), "version");
            Assert.True(version.HasValue, $"conversation {id} is missing from Redis");
            Assert.Equal(state.Version, long.Parse((string)version!, CultureInfo.InvariantCulture));

            for (var seq = 1L; seq <= state.LastSeq; seq++)
            {
                var receipt = await pipeline.Reader.GetReceiptAsync(id, seq, ct);
                if (state.GetReceipt(seq) is { } counts)
                {
                    Assert.True(receipt.Found, $"{id}#{seq}: {receipt.NotFoundReason}");
                    Assert.Equal((id, seq, counts.Read, counts.Unread, counts.Eligible),
                        (receipt.Value!.ConversationId, receipt.Value.Seq, receipt.Value.Read, receipt.Value.Unread, receipt.Value.Eligible));
                    if (state.MemberCount <= readerListsUpToMembers)
                    {
                        await AssertReadersAsync(pipeline, expected, id, seq, read: true, limit: 3);
                        await AssertReadersAsync(pipeline, expected, id, seq, read: false, limit: 3);
                    }
                }
                else
                {
                    Assert.False(receipt.Found, $"{id}#{seq} is a gap but Redis answers a receipt");
                }
            }
        }

        foreach (var (user, conversations) in expected.Badges())
        {
            var unread = await pipeline.Reader.GetUnreadAsync(user, ct);
            Assert.True(unread.Found, $"user {user}: {unread.NotFoundReason}");
            Assert.Equal(
                conversations.Select(c => (c.Conversation, c.Unread, c.ReadSeq, c.LastSeq)).ToList(),
                unread.Value!.Conversations.Select(c => (c.ConversationId, c.Unread, c.ReadSeq, c.LastSeq)).ToList());
            Assert.Equal(conversations.Sum(c => c.Unread), unread.Value.Total);
        }
    }

    /// <summary>Pages through readers (or non-readers) of a message and compares with the expected set.</summary>
    public static async Task AssertReadersAsync(Pipeline pipeline, Oracle expected, string conversation, long seq, bool read, int limit)
    {
        var actual = await AllReadersAsync(pipeline, conversation, seq, read ? ReaderState.Read : ReaderState.Unread, limit);
        Assert.Equal(expected.Readers(conversation, seq, read), actual.OrderBy(p => p.User, StringComparer.Ordinal).ToList());
    }

    public static async Task<List<(string User, long ReadSeq)>> AllReadersAsync(Pipeline pipeline, string conversation, long seq, ReaderState state, int limit)
    {
        var users = new List<(string, long)>();
        string? cursor = null;
        for (var page = 0; ; page++)
        {
            Assert.True(page < 100_000, "readers paging does not end");
            var result = await pipeline.Reader.GetReadersAsync(conversation, seq, state, limit, cursor, TestContext.Current.CancellationToken);
            Assert.True(result.Found, result.NotFoundReason);
            Assert.True(result.Value!.Users.Count <= limit);
            users.AddRange(result.Value.Users.Select(u => (u.UserId, u.ReadSeq)));
            cursor = result.Value.NextCursor;
            if (cursor is null)
            {
                return users;
            }
        }
    }
}
