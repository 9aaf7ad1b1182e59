using FsCheck;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>How many cases the FsCheck properties of this project try.</summary>
internal static class PropertyChecks
{
    /// <summary>Enough cases to meet every mutation of every field several times.</summary>
    public static Config Thorough { get; } = Config.QuickThrowOnFailure.WithMaxTest(500);
}
