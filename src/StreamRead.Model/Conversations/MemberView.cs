namespace StreamRead.Model;

/// <summary>What the model knows about one user of a conversation.</summary>
/// <param name="UserId">The user.</param>
/// <param name="IsMember">A current member (SPEC 2.2); false after <c>left</c> until a new <c>joined</c>.</param>
/// <param name="AfterSeq">Eligible for messages with seq above this (SPEC 2.2); 0 for a non-member.</param>
/// <param name="PublicWatermark">The watermark others see: read counts, who-read lists (SPEC 2.1, 2.6).</param>
/// <param name="OwnReadPosition">The user's own position, private reads included (SPEC 2.6); never below the watermark.</param>
/// <param name="Unread">The unread badge (SPEC 2.4); 0 for a non-member.</param>
public sealed record MemberView(
    string UserId,
    bool IsMember,
    long AfterSeq,
    long PublicWatermark,
    long OwnReadPosition,
    long Unread);
