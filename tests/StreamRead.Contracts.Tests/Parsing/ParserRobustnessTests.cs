using FsCheck;
using FsCheck.Fluent;
using StreamRead.Contracts.Parsing;
using StreamRead.Contracts.Tests.Support;
using StreamRead.Contracts.Topics;

namespace StreamRead.Contracts.Tests.Parsing;

/// <summary>Bad input never stops the pipeline (SPEC 1): the parser returns a reason instead of throwing.</summary>
public sealed class ParserRobustnessTests
{
    public static TheoryData<string> InputTopics => [.. TopicNames.Inputs];

    [Theory]
    [MemberData(nameof(InputTopics))]
    public void ArbitraryBytesGiveAReasonNotAnException(string topic)
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();

        Prop.ForAll(bytes.ToArbitrary(), value =>
        {
            var result = InputRecordParser.Parse(topic, "g-42"u8, value, valueIsNull: false);
            Assert.False(result.IsValid);
            Assert.NotEmpty(result.Reason.Message);
        }).Check(PropertyChecks.Thorough);
    }

    [Theory]
    [MemberData(nameof(InputTopics))]
    public void DamagedValidRecordsGiveAnEventOrAReasonNotAnException(string topic)
    {
        var damaged =
            from record in ChatEventGenerators.ValidRecord(topic)
            let value = record.Value
            from position in Gen.Choose(0, value.Length - 1)
            from replacement in Gen.Elements("{}[]\",:\\0-9eE.nt \u00e9".Select(c => (byte)c).Append((byte)0xC3).ToArray())
            from operation in Gen.Choose(0, 2)
            select Damage(value, position, replacement, operation);

        Prop.ForAll(damaged.ToArbitrary(), value =>
        {
            var result = InputRecordParser.Parse(topic, "g-42"u8, value, valueIsNull: false);
            Assert.True(result.IsValid ^ result.Reason is not null);
        }).Check(PropertyChecks.Thorough);
    }

    private static byte[] Damage(byte[] value, int position, byte replacement, int operation) => operation switch
    {
        0 => [.. value[..position], replacement, .. value[(position + 1)..]],
        1 => value[..position],
        _ => [.. value[..position], replacement, .. value[position..]],
    };
}
