using System.Buffers;
using System.Text;

namespace StreamRead.Runtime.Changelog;

/// <summary>Appends zigzag varints, booleans and length-prefixed UTF-8 strings to a buffer.</summary>
internal sealed class ValueWriter(ArrayBufferWriter<byte> buffer)
{
    public void Byte(byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    /// <summary>Zigzag varint: small magnitudes of either sign take one or two bytes.</summary>
    public void Long(long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        var span = buffer.GetSpan(10);
        var i = 0;
        while (v >= 0x80)
        {
            span[i++] = (byte)(v | 0x80);
            v >>= 7;
        }

        span[i++] = (byte)v;
        buffer.Advance(i);
    }

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Long(length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }
}
