using FsCheck;
using FsCheck.Fluent;

namespace StreamRead.Model.Tests.Support;

/// <summary>Runs an FsCheck property whose body asserts (a failure shrinks and reports the history).</summary>
internal static class PropertyCheck
{
    public static void Hold<T>(Arbitrary<T> arbitrary, int cases, Action<T> assertion) =>
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true),
            Prop.ForAll(arbitrary, value =>
            {
                assertion(value);
                return true;
            }));
}
