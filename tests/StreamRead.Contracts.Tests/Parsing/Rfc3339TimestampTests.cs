using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Tests.Support;

namespace StreamRead.Contracts.Tests.Parsing;

/// <summary>The timestamp grammar: RFC 3339 date-time with offset, equal to the schemas' pattern.</summary>
public sealed class Rfc3339TimestampTests
{
    [Theory]
    [InlineData("2026-11-22T10:00:00Z", "2026-11-22T10:00:00.0000000+00:00")]
    [InlineData("2026-11-22t10:00:00z", "2026-11-22T10:00:00.0000000+00:00")]
    [InlineData("2026-11-22T10:00:00.123Z", "2026-11-22T10:00:00.1230000+00:00")]
    [InlineData("2026-11-22T10:00:00.1234567+02:00", "2026-11-22T10:00:00.1234567+02:00")]
    [InlineData("2026-11-22T10:00:00.123456789-05:30", "2026-11-22T10:00:00.1234567-05:30")]
    [InlineData("2026-11-22T10:00:00+14:00", "2026-11-22T10:00:00.0000000+14:00")]
    [InlineData("2026-11-22T10:00:00-14:00", "2026-11-22T10:00:00.0000000-14:00")]
    [InlineData("2026-11-22T10:00:00-00:00", "2026-11-22T10:00:00.0000000+00:00")]
    [InlineData("2024-02-29T23:59:59.9999999Z", "2024-02-29T23:59:59.9999999+00:00")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00")]
    public void ValidSpellingParsesToItsInstantAndOffset(string text, string expectedRoundTrip)
    {
        Assert.True(Rfc3339Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expectedRoundTrip, value.ToString("O", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-11-22")]
    [InlineData("2026-11-22T10:00:00")]
    [InlineData("2026-11-22T10:00Z")]
    [InlineData("2026-11-22 10:00:00Z")]
    [InlineData("2026-11-22T10:00:00.Z")]
    [InlineData("2026-11-22T10:00:00+01")]
    [InlineData("2026-11-22T10:00:00+0100")]
    [InlineData("2026-11-22T10:00:00+14:01")]
    [InlineData("2026-11-22T10:00:00+01:60")]
    [InlineData("2026-13-22T10:00:00Z")]
    [InlineData("2026-04-31T10:00:00Z")]
    [InlineData("2026-02-29T10:00:00Z")]
    [InlineData("2026-11-22T24:00:00Z")]
    [InlineData("2026-11-22T23:59:60Z")]
    [InlineData("0000-11-22T10:00:00Z")]
    [InlineData("2026-11-22T10:00:00Z\n")]
    [InlineData("2026-11-22T10:00:00ZZ")]
    [InlineData("２０２６-11-22T10:00:00Z")]
    public void OtherSpellingsAreRejected(string text)
    {
        Assert.False(Rfc3339Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void AnyInstantInAnyAllowedSpellingParsesBackToItselfAndItsOffset()
    {
        var spellings =
            from instant in ChatEventGenerators.Timestamp
            from variant in Gen.Choose(0, 1000)
            select (instant, text: TimestampText.Format(instant, variant));

        Prop.ForAll(spellings.ToArbitrary(), sample =>
        {
            Assert.True(Rfc3339Timestamp.TryParse(Encoding.UTF8.GetBytes(sample.text), out var value), sample.text);
            Assert.Equal(sample.instant, value);
            Assert.Equal(sample.instant.Offset, value.Offset);
        }).Check(PropertyChecks.Thorough);
    }

    [Fact]
    public void ParserAgreesWithTheSchemaPatternOnCorruptedTimestamps()
    {
        var corrupted =
            from instant in ChatEventGenerators.Timestamp
            from variant in Gen.Choose(0, 1000)
            let text = TimestampText.Format(instant, variant)
            from position in Gen.Choose(0, text.Length - 1)
            from replacement in Gen.Elements("0123456789-:.TZtz+ ".ToCharArray())
            select text[..position] + replacement + text[(position + 1)..];

        Prop.ForAll(corrupted.ToArbitrary(), text =>
        {
            // The only difference the pattern cannot express here: February 29 of a non-leap year.
            var expected = TopicSchemas.TimestampPattern.IsMatch(text) && !IsFebruary29OfNonLeapYear(text);
            Assert.Equal(expected, Rfc3339Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out _));
        }).Check(PropertyChecks.Thorough);
    }

    private static bool IsFebruary29OfNonLeapYear(string text) =>
        text.Length >= 10 && text[4..10] == "-02-29" && !DateTime.IsLeapYear(int.Parse(text[..4], CultureInfo.InvariantCulture));
}
