using StreamRead.Contracts.Receipts;

namespace StreamRead.Runtime.Tests.Support;

/// <summary>
/// What a receipts consumer holds after applying updates with the Redis sink's rules (the Lua
/// scripts in src/StreamRead.Redis/Scripts): drop an update whose version is not above the
/// stored one, otherwise overwrite with its absolute values.
/// </summary>
internal sealed class ReceiptProjection
{
    public Dictionary<string, ConversationProjection> Conversations { get; } = new(StringComparer.Ordinal);

    public void Apply(ReceiptUpdate update)
    {
        if (!Conversations.TryGetValue(update.ConversationId, out var c))
        {
            Conversations[update.ConversationId] = c = new ConversationProjection();
        }

        if (update.Version < c.Version)
        {
            return;
        }

        c.Version = update.Version;
        c.LastSeq = update.LastSeq;
        c.MessageCount = update.MessageCount;
        c.HotFrom = update.HotWindowFrom;
        foreach (var m in update.Messages)
        {
            c.Senders[m.Seq] = m.SenderId;
        }

        foreach (var s in update.Evicted)
        {
            c.Counts.Remove(s);
        }

        foreach (var count in update.Counts)
        {
            c.Counts[count.Seq] = (count.Read, count.Eligible);
        }

        foreach (var m in update.Members)
        {
            if (m.Member)
            {
                c.Members[m.UserId] = (m.AfterSeq ?? 0, m.ReadSeq ?? 0);
            }
            else
            {
                c.Members.Remove(m.UserId);
            }
        }

        foreach (var w in update.Watermarks)
        {
            if (c.Members.TryGetValue(w.UserId, out var member) && w.ReadSeq > member.Watermark)
            {
                c.Members[w.UserId] = (member.AfterSeq, w.ReadSeq);
            }
        }

        foreach (var b in update.Badges)
        {
            c.OwnPositions[b.UserId] = b.ReadSeq;
        }
    }

    internal sealed class ConversationProjection
    {
        public long Version { get; set; }

        public long LastSeq { get; set; }

        public long MessageCount { get; set; }

        public long HotFrom { get; set; }

        public SortedDictionary<long, string> Senders { get; } = [];

        public SortedDictionary<long, (long Read, long Eligible)> Counts { get; } = [];

        public SortedDictionary<string, (long AfterSeq, long Watermark)> Members { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, long> OwnPositions { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// What a reader can observe: counts of the hot window only, as the receipt script reads
        /// them (older seqs are derived from the members). A restatement after a replay does not
        /// evict a count that a crashed run's uncommitted update left below the window.
        /// </summary>
        public string Describe() =>
            $"v{Version} last {LastSeq} n {MessageCount} hot {HotFrom} senders [{string.Join(",", Senders)}] " +
            $"counts [{string.Join(",", Counts.Where(c => c.Key >= HotFrom))}] members [{string.Join(",", Members)}] own [{string.Join(",", OwnPositions)}]";
    }
}
