using FsCheck;
using FsCheck.Fluent;
using StreamRead.Runtime.Changelog;
using Xunit;

namespace StreamRead.Runtime.Tests.Changelog;

public sealed class ChangelogKeyTests
{
    [Fact]
    public void Every_key_round_trips_and_distinct_ids_never_share_a_key()
    {
        var ids = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get[..Math.Min(s.Get.Length, 256)]);
        Prop.ForAll(Gen.Two(ids).ToArbitrary(), pair =>
        {
            var (conversation, user) = pair;
            var member = ChangelogKey.ForMember(conversation, user);
            var conv = ChangelogKey.ForConversation(conversation);
            Assert.Equal(member, ChangelogKey.Decode(member.Encode()));
            Assert.Equal(conv, ChangelogKey.Decode(conv.Encode()));
            // "a" + "bc" and "ab" + "c" must not collide: lengths are part of the key.
            var shifted = ChangelogKey.ForMember(conversation + user, string.Empty);
            Assert.True(user.Length == 0 || !member.Encode().AsSpan().SequenceEqual(shifted.Encode()));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Marker_keys_carry_their_epoch()
    {
        var key = ChangelogKey.ForMarker(42);
        Assert.Equal(key, ChangelogKey.Decode(key.Encode()));
        Assert.NotEqual(ChangelogKey.ForMarker(41).Encode(), key.Encode());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'C', 0, 5, (byte)'a' })]
    [InlineData(new byte[] { (byte)'Z', 1 })]
    [InlineData(new byte[] { (byte)'B', 1, 2 })]
    public void Malformed_keys_are_rejected_with_a_format_error(byte[] bytes)
    {
        Assert.Throws<FormatException>(() => ChangelogKey.Decode(bytes));
    }

    [Fact]
    public void Batch_markers_round_trip_with_their_offsets()
    {
        var marker = new BatchMarker(new BatchId(3, 17), new Dictionary<string, long>
        {
            ["chat.messages"] = 10,
            ["chat.reads"] = 0,
            ["chat.members"] = -1,
        });

        var decoded = BatchMarker.Decode(marker.Encode());

        Assert.Equal(marker.Batch, decoded.Batch);
        Assert.Equal(marker.NextOffsets.OrderBy(p => p.Key), decoded.NextOffsets.OrderBy(p => p.Key));
        Assert.Equal(marker.Batch, BatchId.Decode(marker.Batch.Encode()));
        Assert.False(decoded.RestatementPending);
        Assert.True(BatchMarker.Decode((marker with { RestatementPending = true }).Encode()).RestatementPending);
    }

    [Fact]
    public void A_format_1_batch_marker_still_decodes_without_a_pending_restatement()
    {
        // Format 1 (before the flags byte): version, epoch, sequence, one topic "in" at offset 5.
        byte[] bytes = [1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 17, 0, 1, 0, 2, (byte)'i', (byte)'n', 0, 0, 0, 0, 0, 0, 0, 5];

        var decoded = BatchMarker.Decode(bytes);

        Assert.Equal(new BatchId(3, 17), decoded.Batch);
        Assert.Equal(5, decoded.NextOffsets["in"]);
        Assert.False(decoded.RestatementPending);
    }
}
