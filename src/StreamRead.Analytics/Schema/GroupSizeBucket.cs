namespace StreamRead.Analytics.Schema;

/// <summary>
/// The group-size buckets of the dashboards: a conversation's members, in decades. The labels are
/// the values of the <c>group_bucket</c> Enum8 columns (Schema/Migrations); a test checks they agree.
/// </summary>
public static class GroupSizeBucket
{
    /// <summary>Every label, smallest groups first (1-2 are one-to-one conversations).</summary>
    public static IReadOnlyList<string> Labels { get; } = ["1-2", "3-10", "11-100", "101-1000", "1001-10000", "10001+"];

    /// <summary>The label of a conversation with <paramref name="members"/> members (0 counts as the smallest).</summary>
    public static string Of(long members) => members switch
    {
        <= 2 => Labels[0],
        <= 10 => Labels[1],
        <= 100 => Labels[2],
        <= 1_000 => Labels[3],
        <= 10_000 => Labels[4],
        _ => Labels[5],
    };
}
