using StreamRead.Contracts.Analytics;
using StreamRead.Contracts.Events;
using StreamRead.Model;

namespace StreamRead.Runtime.Outputs;

/// <summary>
/// Turns a conversation's drained changes into its <c>streamread.analytics</c> updates (SPEC 3):
/// never one fact per (member, message). Facts follow from the records applied, so a replay
/// re-emits them under the same natural keys and the sink stores each once (SPEC 2.7). A few values
/// come from the state at the flush instead (a message's eligible count, send times below the hot
/// window): docs/analytics.md, "Where the hot window decides".
/// </summary>
internal static class AnalyticsMapper
{
    /// <summary>At most this many facts per update, so a record stays far below Kafka's size limit.</summary>
    public const int MaxFactsPerUpdate = 1_000;

    private static readonly long HourMs = (long)TimeSpan.FromHours(1).TotalMilliseconds;
    private static readonly long DayMs = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    /// <summary>The updates of one drain, empty when nothing analytics records changed.</summary>
    /// <param name="changes">The drained changes.</param>
    /// <param name="state">The conversation after the drain (eligible counts, member count).</param>
    /// <param name="snapshot">Its snapshot after the drain: the hot window's send times date what each advance read.</param>
    /// <param name="emittedAt">The flush time.</param>
    public static IReadOnlyList<AnalyticsUpdate> ToAnalyticsUpdates(
        ConversationChanges changes, ConversationState state, ConversationSnapshot snapshot, DateTimeOffset emittedAt)
    {
        if (changes.Messages.Count == 0 && changes.ReadAdvances.Count == 0 && changes.Milestones.Count == 0 && changes.Members.Count == 0)
        {
            return [];
        }

        var messages = changes.Messages.Select(m => new AnalyticsMessage(
            m.Seq, m.SenderId, m.IsDirect ? ConversationKind.Direct : ConversationKind.Group, Time(m.SentAtMs),
            state.GetReceipt(m.Seq)?.Eligible ?? 0)).ToList();

        // A send raises the sender's position to the message it sent in the same record.
        var sends = changes.Messages.Select(m => (m.SenderId, m.Seq, m.TimestampMs)).ToHashSet();
        var advances = changes.ReadAdvances.Select(a => ToAdvance(a, sends.Contains((a.UserId, a.ToSeq, a.TimestampMs)), snapshot)).ToList();

        var milestones = changes.Milestones.Select(m => new AnalyticsMilestone(
            m.Kind switch
            {
                MilestoneKind.FirstRead => MessageMilestone.FirstRead,
                MilestoneKind.HalfRead => MessageMilestone.HalfRead,
                _ => MessageMilestone.AllRead,
            },
            m.Seq, Time(m.SentAtMs), Time(m.TimestampMs), m.Read, m.Eligible)).ToList();

        var badges = changes.Members.Select(c => new AnalyticsBadge(c.UserId, c.Snapshot.IsMember, c.Unread, c.Snapshot.ReadPosition)).ToList();

        var header = new AnalyticsUpdate(
            changes.ConversationId, changes.Version, changes.IsDirect ? ConversationKind.Direct : ConversationKind.Group,
            state.MemberCount, changes.KnownMessageCount, emittedAt);
        return Split(header, messages, advances, milestones, badges);
    }

    /// <summary>
    /// The newly read messages are the highest <c>NewlyRead</c> known seqs in <c>(FromSeq, ToSeq]</c>
    /// (eligibility only cuts from below; a send's own message excluded): walk the hot window down
    /// from <c>ToSeq</c> to date them. Messages below the hot window have no send time any more;
    /// they are dated at the window's lower bound (its record time), an upper bound of their age.
    /// </summary>
    private static AnalyticsReadAdvance ToAdvance(ReadAdvance advance, bool isSend, ConversationSnapshot snapshot)
    {
        long readAt = advance.TimestampMs;
        long? newestSentAt = null;
        // At most 25 send hours count (older messages are not dated), met newest first: a short
        // list searched from its end and sorted once costs a fraction of a sorted tree per advance.
        var perHour = new List<(long Hour, long Within1h, long Within24h)>(2);
        void Count(long sentAtMs, long messages)
        {
            long age = Math.Max(0, readAt - sentAtMs);
            if (age > DayMs)
            {
                return;
            }

            long hour = sentAtMs - (((sentAtMs % HourMs) + HourMs) % HourMs);
            long within1h = age <= HourMs ? messages : 0;
            for (int h = perHour.Count - 1; h >= 0; h--)
            {
                if (perHour[h].Hour == hour)
                {
                    perHour[h] = (hour, perHour[h].Within1h + within1h, perHour[h].Within24h + messages);
                    return;
                }
            }

            perHour.Add((hour, within1h, messages));
        }

        long remaining = advance.NewlyRead;
        var hot = snapshot.HotMessages;
        int i = UpperBound(hot, advance.ToSeq) - 1;
        for (; i >= 0 && remaining > 0 && hot[i].Seq > advance.FromSeq; i--)
        {
            if (isSend && hot[i].Seq == advance.ToSeq)
            {
                continue;
            }

            newestSentAt ??= hot[i].SentAtMs;
            Count(hot[i].SentAtMs, 1);
            remaining--;
        }

        if (remaining > 0 && i < 0 && snapshot.BelowHotCoverTimeMs != long.MinValue)
        {
            Count(snapshot.BelowHotCoverTimeMs, remaining);
        }

        return new AnalyticsReadAdvance(
            advance.UserId, advance.FromSeq, advance.ToSeq, advance.NewlyRead,
            isSend ? ReadAdvanceCause.Send : ReadAdvanceCause.Read, advance.IsPrivate, advance.EligibleMembers,
            Time(readAt), newestSentAt is { } sent ? Math.Max(0, readAt - sent) : null)
        {
            ReadThrough = ReadThrough(perHour),
        };
    }

    private static List<ReadThroughCount> ReadThrough(List<(long Hour, long Within1h, long Within24h)> perHour)
    {
        perHour.Sort(static (a, b) => a.Hour.CompareTo(b.Hour));
        var counts = new List<ReadThroughCount>(perHour.Count);
        foreach (var (hour, within1h, within24h) in perHour)
        {
            counts.Add(new ReadThroughCount(Time(hour), within1h, within24h));
        }

        return counts;
    }

    private static List<AnalyticsUpdate> Split(
        AnalyticsUpdate header,
        List<AnalyticsMessage> messages,
        List<AnalyticsReadAdvance> advances,
        List<AnalyticsMilestone> milestones,
        List<AnalyticsBadge> badges)
    {
        var updates = new List<AnalyticsUpdate>();
        int m = 0, a = 0, s = 0, b = 0;
        do
        {
            // Fill each update up to the limit, list by list, in the order the facts came.
            int room = MaxFactsPerUpdate;
            var update = header with
            {
                Messages = Take(messages, ref m, ref room),
                ReadAdvances = Take(advances, ref a, ref room),
                Milestones = Take(milestones, ref s, ref room),
                Badges = Take(badges, ref b, ref room),
            };
            updates.Add(update);
        }
        while (m < messages.Count || a < advances.Count || s < milestones.Count || b < badges.Count);

        return updates;
    }

    private static List<T> Take<T>(List<T> source, ref int next, ref int room)
    {
        int count = Math.Min(room, source.Count - next);
        var taken = source.GetRange(next, count);
        next += count;
        room -= count;
        return taken;
    }

    private static int UpperBound(HotMessageSnapshot[] hot, long seq)
    {
        int low = 0, high = hot.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (hot[middle].Seq <= seq)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static DateTimeOffset Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
