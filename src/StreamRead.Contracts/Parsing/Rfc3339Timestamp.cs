namespace StreamRead.Contracts.Parsing;

/// <summary>
/// Strict parser of RFC 3339 date-times with offset (section 5.6), the ISO-8601 profile the input
/// schemas accept: <c>2026-11-22T10:00:00Z</c>, <c>2026-11-22t10:00:00.123456+02:00</c>.
/// </summary>
/// <remarks>
/// The grammar equals the <c>pattern</c> of every timestamp in <c>topics/schemas</c>, keep them in step.
/// Beyond the pattern it also rejects what <see cref="DateTimeOffset"/> cannot hold: February 29 of
/// non-leap years and instants outside years 1 to 9999 in UTC. Fractions beyond 100 ns are truncated;
/// leap seconds (<c>:60</c>) and offsets beyond ±14:00 are rejected. A date alone, a time without
/// offset, a space instead of <c>T</c> or any other ISO-8601 form is rejected: without an offset the
/// instant is ambiguous.
/// </remarks>
internal static class Rfc3339Timestamp
{
    private const int TicksDigits = 7;

    /// <summary>Parses <paramref name="text"/> (UTF-8, unescaped) or returns false.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;

        // yyyy-MM-ddTHH:mm:ss is 19 bytes, the shortest offset ("Z") one more.
        if (text.Length < 20
            || !TryDigits(text, 0, 4, out var year) || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month) || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day) || (text[10] | 0x20) != 't'
            || !TryDigits(text, 11, 2, out var hour) || text[13] != ':'
            || !TryDigits(text, 14, 2, out var minute) || text[16] != ':'
            || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            var digits = 0;
            position++;
            while (position < text.Length && char.IsAsciiDigit((char)text[position]))
            {
                if (digits < TicksDigits)
                {
                    fractionTicks = (fractionTicks * 10) + (text[position] - '0');
                    digits++;
                }

                position++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < TicksDigits; digits++)
            {
                fractionTicks *= 10;
            }
        }

        if (!TryOffset(text[position..], out var offset)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utc = local - offset.Ticks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    // time-offset = "Z" / ("+" / "-") HH ":" mm, limited to ±14:00 as DateTimeOffset is.
    private static bool TryOffset(ReadOnlySpan<byte> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text.Length == 1 && (text[0] | 0x20) == 'z')
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ((byte)'+' or (byte)'-') || text[3] != ':'
            || !TryDigits(text, 1, 2, out var hours) || !TryDigits(text, 4, 2, out var minutes)
            || minutes > 59 || hours * 60 + minutes > 14 * 60)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (text[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit((char)text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }
}
