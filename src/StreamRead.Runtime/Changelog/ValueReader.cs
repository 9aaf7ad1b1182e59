using System.Text;

namespace StreamRead.Runtime.Changelog;

/// <summary>Reads what <see cref="ValueWriter"/> wrote; malformed input throws <see cref="FormatException"/>.</summary>
internal ref struct ValueReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    public readonly bool AtEnd => _at == _bytes.Length;

    public byte Byte()
    {
        if (_at >= _bytes.Length)
        {
            throw new FormatException("changelog value ends early");
        }

        return _bytes[_at++];
    }

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new FormatException($"changelog value has boolean byte {b}"),
    };

    public long Long()
    {
        ulong v = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)(v >> 1) ^ -(long)(v & 1);
            }
        }

        throw new FormatException("changelog value has a varint longer than 10 bytes");
    }

    public int Count(int max = 100_000_000)
    {
        var n = Long();
        if (n < 0 || n > max)
        {
            throw new FormatException($"changelog value has an impossible count {n}");
        }

        return (int)n;
    }

    public string String()
    {
        var length = Count(_bytes.Length - _at);
        var value = Encoding.UTF8.GetString(_bytes.Slice(_at, length));
        _at += length;
        return value;
    }
}
