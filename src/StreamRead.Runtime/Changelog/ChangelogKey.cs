using System.Buffers.Binary;
using System.Text;

namespace StreamRead.Runtime.Changelog;

/// <summary>
/// The key of a changelog record: length-prefixed binary, so any conversation or user id
/// (arbitrary UTF-8, up to 256 characters) maps to exactly one key and compaction keeps the
/// latest record per conversation, per member and per epoch marker.
/// </summary>
/// <param name="Epoch">The epoch of a marker key, or the chunk index of a sender-chunk key.</param>
internal readonly record struct ChangelogKey(ChangelogKeyKind Kind, string ConversationId, string? UserId, long Epoch)
{
    public static ChangelogKey ForConversation(string conversationId) => new(ChangelogKeyKind.Conversation, conversationId, null, 0);

    public static ChangelogKey ForMember(string conversationId, string userId) => new(ChangelogKeyKind.Member, conversationId, userId, 0);

    public static ChangelogKey ForMarker(long epoch) => new(ChangelogKeyKind.Marker, string.Empty, null, epoch);

    public static ChangelogKey ForSenderChunk(string conversationId, long chunk) => new(ChangelogKeyKind.SenderChunk, conversationId, null, chunk);

    /// <summary>The chunk index of a <see cref="ChangelogKeyKind.SenderChunk"/> key.</summary>
    public long Chunk => Epoch;

    public byte[] Encode()
    {
        switch (Kind)
        {
            case ChangelogKeyKind.Marker:
                var marker = new byte[9];
                marker[0] = (byte)Kind;
                BinaryPrimitives.WriteInt64BigEndian(marker.AsSpan(1), Epoch);
                return marker;
            case ChangelogKeyKind.SenderChunk:
                var length = Encoding.UTF8.GetByteCount(ConversationId);
                var chunk = new byte[1 + 2 + length + 8];
                chunk[0] = (byte)Kind;
                var end = WriteString(chunk, 1, ConversationId, length);
                BinaryPrimitives.WriteInt64BigEndian(chunk.AsSpan(end), Epoch);
                return chunk;
            case ChangelogKeyKind.Conversation:
            case ChangelogKeyKind.Member:
                var conversation = Encoding.UTF8.GetByteCount(ConversationId);
                var user = UserId is null ? 0 : Encoding.UTF8.GetByteCount(UserId);
                var bytes = new byte[1 + 2 + conversation + (Kind == ChangelogKeyKind.Member ? 2 + user : 0)];
                bytes[0] = (byte)Kind;
                var at = WriteString(bytes, 1, ConversationId, conversation);
                if (Kind == ChangelogKeyKind.Member)
                {
                    WriteString(bytes, at, UserId!, user);
                }

                return bytes;
            default:
                throw new InvalidOperationException($"unknown changelog key kind {Kind}");
        }
    }

    public static ChangelogKey Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new FormatException("empty changelog key");
        }

        var kind = (ChangelogKeyKind)bytes[0];
        switch (kind)
        {
            case ChangelogKeyKind.Marker when bytes.Length == 9:
                return ForMarker(BinaryPrimitives.ReadInt64BigEndian(bytes[1..]));
            case ChangelogKeyKind.Conversation:
            {
                var conversation = ReadString(bytes, 1, out var end);
                Expect(end == bytes.Length, bytes);
                return ForConversation(conversation);
            }

            case ChangelogKeyKind.SenderChunk:
            {
                var conversation = ReadString(bytes, 1, out var next);
                Expect(bytes.Length == next + 8, bytes);
                return ForSenderChunk(conversation, BinaryPrimitives.ReadInt64BigEndian(bytes[next..]));
            }

            case ChangelogKeyKind.Member:
            {
                var conversation = ReadString(bytes, 1, out var next);
                var user = ReadString(bytes, next, out var end);
                Expect(end == bytes.Length, bytes);
                return ForMember(conversation, user);
            }

            default:
                throw new FormatException($"unknown changelog key: kind byte 0x{bytes[0]:x2}, {bytes.Length} bytes");
        }
    }

    private static int WriteString(byte[] bytes, int at, string value, int length)
    {
        // Ids are at most 256 characters (SPEC 1), so at most 1,024 UTF-8 bytes: a 2-byte length fits.
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), checked((ushort)length));
        Encoding.UTF8.GetBytes(value, bytes.AsSpan(at + 2));
        return at + 2 + length;
    }

    private static string ReadString(ReadOnlySpan<byte> bytes, int at, out int end)
    {
        Expect(bytes.Length >= at + 2, bytes);
        var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
        end = at + 2 + length;
        Expect(bytes.Length >= end, bytes);
        return Encoding.UTF8.GetString(bytes.Slice(at + 2, length));
    }

    private static void Expect(bool condition, ReadOnlySpan<byte> bytes)
    {
        if (!condition)
        {
            throw new FormatException($"malformed changelog key of {bytes.Length} bytes");
        }
    }
}
