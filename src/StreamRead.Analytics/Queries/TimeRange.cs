namespace StreamRead.Analytics.Queries;

/// <summary>A half-open time range <c>[From, To)</c> for the dashboard queries.</summary>
public sealed record TimeRange
{
    /// <summary>Ranges up to this long are shown per minute; longer ones per hour.</summary>
    public static readonly TimeSpan MinuteResolutionLimit = TimeSpan.FromHours(3);

    /// <summary>Creates a range.</summary>
    /// <exception cref="ArgumentException"><paramref name="from"/> is not before <paramref name="to"/>.</exception>
    public TimeRange(DateTimeOffset from, DateTimeOffset to)
    {
        if (from >= to)
        {
            throw new ArgumentException($"the time range must start before it ends: from {from:O} is not before to {to:O}", nameof(from));
        }

        From = from;
        To = to;
    }

    /// <summary>Inclusive start.</summary>
    public DateTimeOffset From { get; }

    /// <summary>Exclusive end.</summary>
    public DateTimeOffset To { get; }

    /// <summary>The range's length.</summary>
    public TimeSpan Length => To - From;

    /// <summary>Whether charts of this range use the per-minute rollups (else the per-hour ones).</summary>
    public bool PerMinute => Length <= MinuteResolutionLimit;

    /// <summary>The <paramref name="length"/> up to <paramref name="now"/>.</summary>
    public static TimeRange Last(TimeSpan length, DateTimeOffset now) => new(now - length, now);
}
