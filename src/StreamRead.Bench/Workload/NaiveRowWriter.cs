using StackExchange.Redis;

namespace StreamRead.Bench.Workload;

/// <summary>
/// The design StreamRead replaces, in Redis: a set of members per conversation, and one row per
/// (member, message), a field of the message's hash: written as unread for every member but the
/// sender when the message is sent, and updated to read, message by message, when a report covers
/// it. Pipelined, so the comparison is about how much is written, not round trips.
/// </summary>
internal sealed class NaiveRowWriter(IDatabase database, string prefix)
{
    private readonly Dictionary<string, List<string>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), long> _read = [];

    public async Task WriteAsync(IEnumerable<NaiveEvent> events)
    {
        var batch = database.CreateBatch();
        var pending = new List<Task>();
        foreach (var e in events)
        {
            if (e.IsJoin)
            {
                if (!_members.TryGetValue(e.ConversationId, out var list))
                {
                    _members[e.ConversationId] = list = [];
                }

                list.Add(e.UserId);
                pending.Add(batch.SetAddAsync($"{prefix}:{{{e.ConversationId}}}:members", e.UserId));
            }
            else if (!e.IsRead)
            {
                // Sent: a row per member (the sender has read their own message).
                var rows = _members[e.ConversationId].Where(u => u != e.UserId).Select(u => new HashEntry(u, "0")).ToArray();
                pending.Add(batch.HashSetAsync(Row(e.ConversationId, e.Seq), rows));
                _read[(e.ConversationId, e.UserId)] = e.Seq;
            }
            else
            {
                // Read up to e.Seq: every message not read yet flips to read.
                var from = _read.GetValueOrDefault((e.ConversationId, e.UserId)) + 1;
                for (var seq = from; seq <= e.Seq; seq++)
                {
                    pending.Add(batch.HashSetAsync(Row(e.ConversationId, seq), e.UserId, "1"));
                }

                _read[(e.ConversationId, e.UserId)] = Math.Max(e.Seq, from - 1);
            }

            if (pending.Count >= 5_000)
            {
                batch.Execute();
                await Task.WhenAll(pending);
                pending.Clear();
                batch = database.CreateBatch();
            }
        }

        batch.Execute();
        await Task.WhenAll(pending);
    }

    private string Row(string conversationId, long seq) => $"{prefix}:{{{conversationId}}}:m:{seq}";
}
