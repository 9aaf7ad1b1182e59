using System.Text;
using FsCheck;
using FsCheck.Fluent;
using StreamRead.Runtime.Changelog;
using Xunit;

namespace StreamRead.Runtime.Tests.Changelog;

public sealed class ChangelogRestorerTests
{
    private static readonly Dictionary<string, long> NoOffsets = [];

    [Fact]
    public void Records_of_a_batch_count_only_once_its_marker_is_read()
    {
        var log = new ChangelogLog();
        log.Record(1, 1, "a", "a1");
        log.Marker(1, 1, offsets: 5);
        log.Record(1, 2, "a", "a2");
        log.Record(1, 2, "b", "b2");

        var restored = log.Restore();

        Assert.Equal(new Dictionary<string, string> { ["a"] = "a1" }, Decode(restored));
        Assert.Equal(2, restored.RecordsDiscarded);
        Assert.Equal(new BatchId(1, 1), restored.LatestMarker!.Batch);
        Assert.Equal(5, restored.LatestMarker.NextOffsets["chat.reads"]);
    }

    [Fact]
    public void A_crashed_batch_is_discarded_even_when_a_later_epoch_commits_after_it()
    {
        var log = new ChangelogLog();
        log.Record(1, 1, "a", "a1");
        log.Marker(1, 1, offsets: 5);
        log.Record(1, 2, "a", "junk");   // epoch 1 crashed here
        log.Record(2, 1, "b", "b1");     // the restarted task (epoch 2) replays from offset 5
        log.Marker(2, 1, offsets: 7);

        var restored = log.Restore();

        Assert.Equal(new Dictionary<string, string> { ["a"] = "a1", ["b"] = "b1" }, Decode(restored));
        Assert.Equal(2, restored.MaxEpoch);
        Assert.Equal(new BatchId(2, 1), restored.LatestMarker!.Batch);
    }

    [Fact]
    public void A_later_committed_record_replaces_an_earlier_one_and_a_tombstone_removes_it()
    {
        var log = new ChangelogLog();
        log.Record(1, 1, "a", "a1");
        log.Record(1, 1, "b", "b1");
        log.Marker(1, 1, offsets: 1);
        log.Record(1, 2, "a", "a2");
        log.Record(1, 2, "b", null);
        log.Marker(1, 2, offsets: 2);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "a2" }, Decode(log.Restore()));
    }

    [Fact]
    public void A_task_that_never_committed_restores_empty_and_keeps_its_epoch()
    {
        var log = new ChangelogLog();
        log.Record(4, 1, "a", "a1");

        var restored = log.Restore();

        Assert.Empty(restored.Records);
        Assert.Null(restored.LatestMarker);
        Assert.Equal(4, restored.MaxEpoch);
    }

    /// <summary>
    /// Compaction keeps only the latest record per key (the latest marker per epoch included).
    /// For any history of committed batches, possibly ending in a crashed one, restoring a log
    /// whose committed part was compacted gives the same state as restoring the full log: the
    /// protocol does not depend on old markers surviving. The crashed tail must not be
    /// compacted yet (its records would supersede committed ones): the changelog's
    /// min.compaction.lag.ms, or transactions on a real cluster, ensure that (docs/design.md).
    /// </summary>
    [Fact]
    public void Compaction_does_not_change_what_a_log_of_committed_batches_restores()
    {
        var batch = Gen.ListOf(Gen.Elements("a", "b", "c", "d").Zip(Gen.Elements("1", "2", "3", "4", (string?)null)))
            .Select(l => l.ToArray());
        var history = Gen.Choose(1, 3).Zip(Gen.ArrayOf(batch)).Zip(Gen.Elements(true, false));
        Prop.ForAll(history.ToArbitrary(), h =>
        {
            var ((epochs, batches), crashAtEnd) = h;
            var log = new ChangelogLog();
            var sequence = 0L;
            var epoch = 1L;
            for (var i = 0; i < batches.Length; i++)
            {
                if (i > 0 && i % Math.Max(1, batches.Length / epochs) == 0)
                {
                    epoch++;
                    sequence = 0;
                }

                sequence++;
                foreach (var (key, value) in batches[i])
                {
                    log.Record(epoch, sequence, key, value);
                }

                if (!(crashAtEnd && i == batches.Length - 1))
                {
                    log.Marker(epoch, sequence, offsets: i);
                }
            }

            var full = log.Restore();
            var compacted = log.CompactedBeforeLastMarker().Restore();
            Assert.Equal(Decode(full), Decode(compacted));
            Assert.Equal(full.LatestMarker?.Batch, compacted.LatestMarker?.Batch);
        }).QuickCheckThrowOnFailure();
    }

    private static Dictionary<string, string> Decode(RestoredChangelog restored) =>
        restored.Records.ToDictionary(
            p => ChangelogKey.Decode(p.Key).ConversationId,
            p => Encoding.UTF8.GetString(p.Value));

    /// <summary>An in-memory changelog partition.</summary>
    private sealed class ChangelogLog
    {
        private readonly List<(byte[] Key, byte[]? Value, BatchId Batch)> _records = [];

        public void Record(long epoch, long sequence, string conversation, string? value) =>
            _records.Add((ChangelogKey.ForConversation(conversation).Encode(),
                value is null ? null : Encoding.UTF8.GetBytes(value), new BatchId(epoch, sequence)));

        public void Marker(long epoch, long sequence, long offsets)
        {
            var batch = new BatchId(epoch, sequence);
            var next = new Dictionary<string, long>(NoOffsets) { ["chat.reads"] = offsets };
            _records.Add((ChangelogKey.ForMarker(epoch).Encode(), new BatchMarker(batch, next).Encode(), batch));
        }

        public ChangelogLog CompactedBeforeLastMarker()
        {
            var end = _records.FindLastIndex(r => r.Key[0] == (byte)ChangelogKeyKind.Marker) + 1;
            var last = new Dictionary<byte[], int>(ByteArrayComparer.Instance);
            for (var i = 0; i < end; i++)
            {
                last[_records[i].Key] = i;
            }

            var compacted = new ChangelogLog();
            compacted._records.AddRange(_records.Take(end).Where((r, i) => last[r.Key] == i));
            compacted._records.AddRange(_records.Skip(end));
            return compacted;
        }

        public RestoredChangelog Restore()
        {
            var restorer = new ChangelogRestorer();
            foreach (var (key, value, batch) in _records)
            {
                restorer.Add(key, value, batch);
            }

            return restorer.Complete();
        }
    }
}
