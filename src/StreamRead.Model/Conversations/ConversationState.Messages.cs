using StreamRead.Model.Structures;

namespace StreamRead.Model;

public sealed partial class ConversationState
{
    /// <summary>
    /// Applies a <c>chat.messages</c> record. The sender's watermark and own position rise to the
    /// message (sending implies having read up to it, SPEC 2.1), a sender never seen before becomes
    /// a member since the beginning (SPEC 2.2), and pending early reads are applied to it when it
    /// falls within their window (SPEC 2.5). A seq already known is a duplicate: only the version moves.
    /// </summary>
    /// <param name="seq">The message seq (&gt;= 1).</param>
    /// <param name="senderId">The sender.</param>
    /// <param name="isDirect">The message's kind is <c>direct</c>.</param>
    /// <param name="sentAtMs">The message's <c>sentAt</c> (ms since the Unix epoch).</param>
    /// <param name="timestampMs">The record timestamp (ms since the Unix epoch): the message's event time.</param>
    /// <exception cref="ArgumentException">A seq below 1 or an empty sender id.</exception>
    public void ApplyMessage(long seq, string senderId, bool isDirect, long sentAtMs, long timestampMs)
    {
        if (seq < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(seq), seq, "A message seq must be >= 1 (SPEC 1); dead-letter the record.");
        }

        ValidateUserId(senderId, nameof(senderId));
        BeginRecord(timestampMs);
        if (messages.Seqs.Contains(seq))
        {
            EndRecord();
            return;
        }

        int sender = FindOrAddImplicitMember(senderId);
        if (seq > LastSeq)
        {
            IsDirect = isDirect;
        }

        messages.Add(seq, sender);
        long coverTimeMs = timestampMs;
        var message = new HotMessage
        {
            Seq = seq,
            SentAtMs = sentAtMs,
            CoverTimeMs = timestampMs,
            Sender = sender,
            EmittedRead = -1,
            EmittedEligible = -1,
        };
        if (hot.Insert(message, out long evictedSeq))
        {
            coverTimeMs = hot.At(hot.IndexOf(seq)).CoverTimeMs;
            MarkCounts(seq - 1, seq);
        }

        if (evictedSeq != 0)
        {
            evictedSeqs.Add(evictedSeq);
        }

        newMessages.Add(new NewMessage(seq, senderId, isDirect, sentAtMs, timestampMs));
        RaisePositions(sender, seq, seq, sentSeq: seq);
        ResolvePendingReads(seq, coverTimeMs);
        EndRecord();
    }
}
