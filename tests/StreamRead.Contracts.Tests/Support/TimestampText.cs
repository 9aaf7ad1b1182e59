using System.Globalization;

namespace StreamRead.Contracts.Tests.Support;

/// <summary>Spellings of one instant that RFC 3339 allows: fraction digits, <c>T</c>/<c>t</c>, <c>Z</c>/<c>z</c>/<c>+00:00</c>/<c>-00:00</c>.</summary>
internal static class TimestampText
{
    /// <param name="value">The instant, with the offset to write.</param>
    /// <param name="variant">Picks the spelling; any int is fine.</param>
    public static string Format(DateTimeOffset value, int variant)
    {
        var separator = (variant & 1) == 0 ? 'T' : 't';
        var fractionTicks = value.Ticks % TimeSpan.TicksPerSecond;
        var digits = fractionTicks.ToString("D7", CultureInfo.InvariantCulture);
        var fraction = ((variant >> 1) % 3, fractionTicks) switch
        {
            (0, 0) => "",
            (1, 0) => ".0",
            (_, 0) => ".000",
            (0, _) => "." + digits.TrimEnd('0'),
            (1, _) => "." + digits,
            _ => "." + digits + "00", // more than 100 ns precision: extra digits are zeros
        };
        var offset = value.Offset == TimeSpan.Zero
            ? ((variant >> 3) % 4) switch { 0 => "Z", 1 => "z", 2 => "+00:00", _ => "-00:00" }
            : (value.Offset < TimeSpan.Zero ? "-" : "+") + value.Offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + separator
            + value.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + fraction + offset;
    }
}
