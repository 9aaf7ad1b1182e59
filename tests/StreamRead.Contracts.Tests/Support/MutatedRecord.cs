using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>A valid record broken by one <see cref="Mutation"/>; the key stays the original conversationId.</summary>
internal sealed record MutatedRecord(RenderedRecord Original, Mutation Mutation, string Json)
{
    public byte[] Key => Original.Key;

    public byte[] Value => Encoding.UTF8.GetBytes(Json);

    /// <summary>Any valid record of <paramref name="topic"/> broken by any mutation of its catalogue.</summary>
    public static Gen<MutatedRecord> Of(string topic) =>
        from original in ChatEventGenerators.ValidRecord(topic)
        from mutation in Gen.Elements(Mutation.For(topic).ToArray())
        from newValue in mutation.NewValue ?? Gen.Constant<JsonNode?>(null)
        select new MutatedRecord(original, mutation, mutation.Apply(original.Json, newValue));

    public override string ToString() => $"{Mutation}: {Json}";
}
