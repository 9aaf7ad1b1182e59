using StreamRead.Model.Structures;

namespace StreamRead.Model;

public sealed partial class ConversationState
{
    private readonly List<(int Member, long PublicTo, long OwnTo, bool PendingChanged)> resolvedScratch = [];

    /// <summary>
    /// Applies a <c>chat.reads</c> record: raises the user's own read position, and for a public
    /// report also the public watermark (SPEC 2.1, 2.6), to what the report covers (SPEC 2.5).
    /// </summary>
    /// <remarks>
    /// A report <c>(R, T)</c> covers the known messages up to <c>min(R, B - 1, last known seq)</c>,
    /// B being the first known message whose record time is after <c>T + window</c>. Record times are
    /// kept for the hot window only; a report whose window closed before the newest message below the
    /// hot window covers nothing new.
    /// A report reaching beyond the last known seq is kept as a pending read and covers messages
    /// arriving later only within the window, so a readSeq of 10^15 cannot mute a conversation.
    /// A user never seen before becomes a member since the beginning (SPEC 2.2); a user who left
    /// still moves its positions (they survive a rejoin) but stays out of every count.
    /// </remarks>
    /// <param name="userId">The reader.</param>
    /// <param name="readSeq">The report's readSeq (&gt;= 0).</param>
    /// <param name="isPrivate">Moves only the own read position (SPEC 2.6).</param>
    /// <param name="timestampMs">The record timestamp (ms since the Unix epoch): the report's event time.</param>
    /// <exception cref="ArgumentException">An empty user id or a negative readSeq.</exception>
    public void ApplyRead(string userId, long readSeq, bool isPrivate, long timestampMs)
    {
        ValidateUserId(userId, nameof(userId));
        if (readSeq < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(readSeq), readSeq, "readSeq must be >= 0; dead-letter the record.");
        }

        BeginRecord(timestampMs);
        int member = FindOrAddImplicitMember(userId);
        long limit = readSeq;
        long firstBeyondWindow = hot.FirstSeqAfter(SaturatingAdd(timestampMs, earlyReadWindowMs));
        if (firstBeyondWindow > 0)
        {
            limit = Math.Min(limit, firstBeyondWindow - 1);
        }
        else if (firstBeyondWindow < 0)
        {
            // The report's window closed before messages whose times are no longer kept: where it
            // ends is unknown, and covering too much would break SPEC 2.5, so it covers nothing new.
            // Only a report applied long after its time gets here (a late redelivery, whose first
            // delivery already covered what it could).
            limit = 0;
        }

        long covered = Math.Min(limit, LastSeq);
        RaisePositions(member, isPrivate ? 0 : covered, covered, sentSeq: 0);
        if (limit > LastSeq)
        {
            AddPendingRead(member, new PendingRead(limit, timestampMs, isPrivate));
        }

        EndRecord();
    }

    // Raises w to publicTo and r to max(ownTo, w), keeping H, the dirty count ranges and the
    // analytics facts in step. sentSeq: the message the member just sent (not newly read by it), or 0.
    private void RaisePositions(int member, long publicTo, long ownTo, long sentSeq)
    {
        ref MemberEntry entry = ref members[member];
        long previousWatermark = entry.PublicWatermark;
        long previousPosition = members.ReadPositionOf(member);
        long watermark = Math.Max(previousWatermark, publicTo);
        long position = Math.Max(previousPosition, Math.Max(ownTo, watermark));
        if (watermark == previousWatermark && position == previousPosition)
        {
            return;
        }

        if (watermark > previousWatermark)
        {
            if (entry.IsMember)
            {
                // The member reads s iff a < s <= max(a, w): read counts change between the old and new limit.
                long oldLimit = Math.Max(entry.EligibleAfter, previousWatermark);
                long newLimit = Math.Max(entry.EligibleAfter, watermark);
                if (newLimit != oldLimit)
                {
                    readLimits.Remove(oldLimit);
                    readLimits.Add(newLimit);
                    MarkCounts(oldLimit, newLimit);
                }
            }

            entry.PublicWatermark = watermark;
            entry.Flags |= MemberFlags.PublicAdvanced;
        }

        members.SetReadPosition(member, position); // also drops a private position the watermark caught up with
        if (position > previousPosition)
        {
            long newlyRead = 0;
            if (entry.IsMember)
            {
                long from = Math.Max(previousPosition, entry.EligibleAfter);
                newlyRead = messages.Seqs.CountBetween(from, position);
                if (sentSeq > from && sentSeq <= position)
                {
                    newlyRead--; // the own message is not read by its sender
                }
            }

            readAdvances.Add(new ReadAdvance(
                entry.UserId, previousPosition, position, newlyRead, watermark == previousWatermark, MemberCount, recordTimestampMs));
        }

        MarkChanged(member);
    }

    private void AddPendingRead(int member, PendingRead read)
    {
        ref MemberEntry entry = ref members[member];
        List<PendingRead> reads;
        if (entry.PendingSlot > 0)
        {
            reads = pending[entry.PendingSlot - 1].Reads;
            foreach (PendingRead kept in reads)
            {
                if (kept.Dominates(read))
                {
                    return; // a duplicate or a weaker report: nothing changes
                }
            }

            reads.RemoveAll(read.Dominates);
        }
        else
        {
            entry.PendingSlot = pending.Open(member) + 1;
            reads = pending[entry.PendingSlot - 1].Reads;
        }

        reads.Add(read);
        if (reads.Count > options.MaxPendingReadsPerMember)
        {
            // Too many incomparable reports: drop the one whose window closes first.
            int weakest = 0;
            for (int i = 1; i < reads.Count; i++)
            {
                if (ComparePendingStrength(reads[i], reads[weakest]) < 0)
                {
                    weakest = i;
                }
            }

            reads.RemoveAt(weakest);
        }

        // A canonical order, so the member's snapshot does not depend on arrival order.
        reads.Sort(ComparePendingStrength);
        MarkChanged(member);
    }

    private static int ComparePendingStrength(PendingRead x, PendingRead y)
    {
        int byTime = x.TimestampMs.CompareTo(y.TimestampMs);
        if (byTime != 0)
        {
            return byTime;
        }

        int bySeq = x.ReadSeq.CompareTo(y.ReadSeq);
        return bySeq != 0 ? bySeq : y.IsPrivate.CompareTo(x.IsPrivate);
    }

    // A message arrived: every pending read either covers it (within its window) or ends just below
    // it (beyond the window); a pending read that no longer reaches past the last known seq is
    // resolved. Only members with pending reads are visited, in member order for a deterministic output.
    private void ResolvePendingReads(long seq, long coverTimeMs)
    {
        if (pending.Count == 0)
        {
            return;
        }

        long lastSeq = LastSeq;
        resolvedScratch.Clear();
        for (int s = pending.Count - 1; s >= 0; s--)
        {
            PendingReadTable.Slot slot = pending[s];
            long publicTo = 0, ownTo = 0;
            bool changed = false;
            for (int i = slot.Reads.Count - 1; i >= 0; i--)
            {
                PendingRead read = slot.Reads[i];
                long limit = read.ReadSeq;
                if (coverTimeMs > SaturatingAdd(read.TimestampMs, earlyReadWindowMs))
                {
                    limit = Math.Min(limit, seq - 1);
                }

                long covered = Math.Min(limit, lastSeq);
                ownTo = Math.Max(ownTo, covered);
                if (!read.IsPrivate)
                {
                    publicTo = Math.Max(publicTo, covered);
                }

                if (limit <= lastSeq)
                {
                    slot.Reads.RemoveAt(i);
                    changed = true;
                }
            }

            if (slot.Reads.Count == 0)
            {
                members[slot.Member].PendingSlot = 0;
                int moved = pending.Close(s);
                if (moved >= 0)
                {
                    members[moved].PendingSlot = s + 1;
                }
            }

            ref MemberEntry entry = ref members[slot.Member];
            if (changed || ownTo > members.ReadPositionOf(slot.Member) || publicTo > entry.PublicWatermark)
            {
                resolvedScratch.Add((slot.Member, publicTo, ownTo, changed));
            }
        }

        resolvedScratch.Sort((x, y) => x.Member.CompareTo(y.Member));
        foreach (var (member, publicTo, ownTo, pendingChanged) in resolvedScratch)
        {
            RaisePositions(member, publicTo, ownTo, sentSeq: 0);
            if (pendingChanged)
            {
                MarkChanged(member);
            }
        }
    }
}
