namespace StreamRead.Runtime.Changelog;

/// <summary>What <see cref="ChangelogRestorer"/> found: the committed records, latest per key.</summary>
/// <param name="Records">Encoded key -> encoded value of every committed conversation and member record.</param>
/// <param name="LatestMarker">The last committed batch, or null when the task never committed one.</param>
/// <param name="MaxEpoch">The highest epoch in the log; the restored task writes with the next one.</param>
/// <param name="RecordsRead">Every record read, markers included.</param>
/// <param name="RecordsDiscarded">Records of batches that crashed before their marker.</param>
internal sealed record RestoredChangelog(
    IReadOnlyDictionary<byte[], byte[]> Records,
    BatchMarker? LatestMarker,
    long MaxEpoch,
    long RecordsRead,
    long RecordsDiscarded);
