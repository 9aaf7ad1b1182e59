using StreamRead.Model.Structures;

namespace StreamRead.Model;

public sealed partial class ConversationState
{
    /// <summary>
    /// Captures everything except the members (see <see cref="CaptureMember"/>) as plain data. Take it
    /// right after <see cref="DrainChanges"/>: a restored state then continues with the same drains,
    /// versions and milestones as this one.
    /// </summary>
    /// <exception cref="InvalidOperationException">Changes are not drained yet (they would be lost).</exception>
    public ConversationSnapshot CaptureSnapshot() => Capture(withSenders: true);

    /// <summary>
    /// <see cref="CaptureSnapshot"/> without the per-message senders (<see cref="ConversationSnapshot.Senders"/>
    /// and <see cref="ConversationSnapshot.MessageSenders"/> are empty), whose cost grows with the
    /// conversation's history: what a flush needs for every conversation it touches. The senders of
    /// new messages come from <see cref="SendersFrom"/>. Not for <see cref="Restore"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Changes are not drained yet (they would be lost).</exception>
    public ConversationSnapshot CaptureSnapshotWithoutSenders() => Capture(withSenders: false);

    /// <summary>The senders' user ids of the known messages of ordinals <paramref name="fromOrdinal"/> to <paramref name="toOrdinal"/> (exclusive), in seq order.</summary>
    public string[] SendersFrom(long fromOrdinal, long toOrdinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOrdinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(toOrdinal, messages.Count);
        var senders = new string[Math.Max(0, toOrdinal - fromOrdinal)];
        for (var i = 0; i < senders.Length; i++)
        {
            senders[i] = members[messages.SenderAt(fromOrdinal + i)].UserId;
        }

        return senders;
    }

    private ConversationSnapshot Capture(bool withSenders)
    {
        if (HasChanges)
        {
            throw new InvalidOperationException(
                $"Conversation '{ConversationId}' has undrained changes: call {nameof(DrainChanges)}() before {nameof(CaptureSnapshot)}(), or they are lost on restore.");
        }

        SeqRunSet seqs = messages.Seqs;
        var runStarts = new long[seqs.RunCount];
        var runEnds = new long[seqs.RunCount];
        for (int i = 0; i < seqs.RunCount; i++)
        {
            (runStarts[i], runEnds[i]) = seqs.RunAt(i);
        }

        var senderIndex = new Dictionary<int, int>();
        var senders = new List<string>();
        var messageSenders = new int[withSenders ? messages.Count : 0];
        for (int rank = 0; rank < messageSenders.Length; rank++)
        {
            int member = messages.SenderAt(rank);
            if (!senderIndex.TryGetValue(member, out int index))
            {
                index = senders.Count;
                senderIndex.Add(member, index);
                senders.Add(members[member].UserId);
            }

            messageSenders[rank] = index;
        }

        var hotMessages = new HotMessageSnapshot[hot.Count];
        for (int i = 0; i < hot.Count; i++)
        {
            ref HotMessage message = ref hot.At(i);
            hotMessages[i] = new HotMessageSnapshot(
                message.Seq,
                message.SentAtMs,
                message.CoverTimeMs,
                message.EmittedRead,
                message.EmittedEligible,
                (message.Fired & MilestoneFlags.FirstRead) != 0,
                (message.Fired & MilestoneFlags.HalfRead) != 0,
                (message.Fired & MilestoneFlags.AllRead) != 0);
        }

        return new ConversationSnapshot(
            ConversationId, Version, IsDirect, runStarts, runEnds, [.. senders], messageSenders, hotMessages, hot.BelowCoverTimeMs);
    }

    /// <summary>Captures one user's complete state, pending reads included.</summary>
    /// <exception cref="ArgumentException">The user was never seen in this conversation.</exception>
    public MemberSnapshot CaptureMember(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        int member = members.Find(userId);
        if (member < 0)
        {
            throw new ArgumentException($"User '{userId}' was never seen in conversation '{ConversationId}'; only known users have a state to capture.", nameof(userId));
        }

        return SnapshotOf(member);
    }

    /// <summary>
    /// Rebuilds a conversation from <see cref="CaptureSnapshot"/> and every <see cref="CaptureMember"/>
    /// of it (any order). The result answers, drains and evolves exactly like the captured state.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshots are inconsistent (the message says what is wrong).</exception>
    public static ConversationState Restore(ConversationSnapshot snapshot, IEnumerable<MemberSnapshot> members, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(members);
        var state = new ConversationState(snapshot.ConversationId, options);
        state.RestoreMembers(members);
        state.RestoreMessages(snapshot);
        state.IsDirect = snapshot.IsDirect;
        state.Version = snapshot.Version;
        state.drainedVersion = snapshot.Version;
        return state;
    }

    private MemberSnapshot SnapshotOf(int member)
    {
        ref MemberEntry entry = ref members[member];
        PendingRead[] reads = entry.PendingSlot > 0 ? [.. pending[entry.PendingSlot - 1].Reads] : [];
        return new MemberSnapshot(
            entry.UserId, member, entry.IsMember, entry.ClockMs, entry.EligibleAfter, entry.PublicWatermark, members.ReadPositionOf(member), reads);
    }

    private void RestoreMembers(IEnumerable<MemberSnapshot> snapshots)
    {
        // Ordinals give the original first-seen order; gaps are tolerated, duplicates are not.
        MemberSnapshot[] ordered = [.. snapshots.OrderBy(s => s?.Ordinal ?? throw Invalid("a member snapshot is null"))];
        for (int i = 0; i < ordered.Length; i++)
        {
            MemberSnapshot s = ordered[i];
            if (i > 0 && ordered[i - 1].Ordinal == s.Ordinal)
            {
                throw Invalid($"users '{ordered[i - 1].UserId}' and '{s.UserId}' have the same ordinal {s.Ordinal}");
            }

            if (string.IsNullOrEmpty(s.UserId) || members.Find(s.UserId) >= 0)
            {
                throw Invalid($"user id '{s.UserId}' is empty or appears twice");
            }

            if (s.PublicWatermark < 0 || s.ReadPosition < s.PublicWatermark || s.AfterSeq < 0 || s.PendingReads is null)
            {
                throw Invalid($"user '{s.UserId}' has inconsistent positions (need 0 <= watermark <= read position, afterSeq >= 0, pending reads not null)");
            }

            int member = members.Add(new MemberEntry
            {
                UserId = s.UserId,
                EligibleAfter = s.IsMember ? s.AfterSeq : 0,
                PublicWatermark = s.PublicWatermark,
                ClockMs = s.MembershipClockMs,
                Flags = s.IsMember ? MemberFlags.IsMember : MemberFlags.None,
            });
            members.SetReadPosition(member, s.ReadPosition);
            if (s.IsMember)
            {
                eligibilityPoints.Add(s.AfterSeq);
                readLimits.Add(Math.Max(s.AfterSeq, s.PublicWatermark));
            }

            if (s.PendingReads.Length > 0)
            {
                members[member].PendingSlot = pending.Open(member) + 1;
                List<PendingRead> reads = pending[members[member].PendingSlot - 1].Reads;
                reads.AddRange(s.PendingReads);
                reads.Sort(ComparePendingStrength);
                if (reads.Count > options.MaxPendingReadsPerMember)
                {
                    reads.RemoveRange(0, reads.Count - options.MaxPendingReadsPerMember); // keep the strongest
                }
            }
        }
    }

    private void RestoreMessages(ConversationSnapshot snapshot)
    {
        if (snapshot.RunStarts is null || snapshot.RunEnds is null || snapshot.Senders is null || snapshot.MessageSenders is null || snapshot.HotMessages is null
            || snapshot.RunStarts.Length != snapshot.RunEnds.Length)
        {
            throw Invalid("the message arrays are missing or RunStarts and RunEnds differ in length");
        }

        var senderMembers = new int[snapshot.Senders.Length];
        for (int i = 0; i < senderMembers.Length; i++)
        {
            senderMembers[i] = members.Find(snapshot.Senders[i] ?? string.Empty);
            if (senderMembers[i] < 0)
            {
                throw Invalid($"sender '{snapshot.Senders[i]}' has no member snapshot (every sender is a member of the conversation's state)");
            }
        }

        long rank = 0;
        long previousEnd = 0;
        for (int run = 0; run < snapshot.RunStarts.Length; run++)
        {
            long start = snapshot.RunStarts[run], end = snapshot.RunEnds[run];
            if (start <= previousEnd || end < start)
            {
                throw Invalid($"run {run} [{start}, {end}] is empty, overlaps or is out of order (runs must ascend, seqs >= 1)");
            }

            for (long seq = start; seq <= end; seq++, rank++)
            {
                if (rank >= snapshot.MessageSenders.Length || (uint)snapshot.MessageSenders[rank] >= (uint)senderMembers.Length)
                {
                    throw Invalid($"MessageSenders has no valid sender for seq {seq}");
                }

                messages.Add(seq, senderMembers[snapshot.MessageSenders[rank]]);
            }

            previousEnd = end;
        }

        if (rank != snapshot.MessageSenders.Length)
        {
            throw Invalid($"MessageSenders has {snapshot.MessageSenders.Length} entries for {rank} known seqs");
        }

        hot.BelowCoverTimeMs = snapshot.BelowHotCoverTimeMs;
        long previousSeq = 0;
        foreach (HotMessageSnapshot h in snapshot.HotMessages)
        {
            if (h.Seq <= previousSeq || !messages.Seqs.Contains(h.Seq))
            {
                throw Invalid($"hot message {h.Seq} is not a known seq or not in ascending order");
            }

            previousSeq = h.Seq;
            var message = new HotMessage
            {
                Seq = h.Seq,
                SentAtMs = h.SentAtMs,
                CoverTimeMs = h.CoverTimeMs,
                Sender = messages.SenderOf(h.Seq),
                EmittedRead = checked((int)h.EmittedRead),
                EmittedEligible = checked((int)h.EmittedEligible),
                Fired = (h.FirstReadFired ? MilestoneFlags.FirstRead : 0)
                    | (h.HalfReadFired ? MilestoneFlags.HalfRead : 0)
                    | (h.AllReadFired ? MilestoneFlags.AllRead : 0),
            };

            // A smaller configured window keeps the highest messages; the next drain reports the rest as evicted.
            hot.Insert(message, out long evictedSeq);
            if (evictedSeq != 0)
            {
                evictedSeqs.Add(evictedSeq);
            }
        }
    }

    private static ArgumentException Invalid(string problem) =>
        new($"Cannot restore the conversation: {problem}. The snapshots must come from CaptureSnapshot() and CaptureMember() of one state.");
}
