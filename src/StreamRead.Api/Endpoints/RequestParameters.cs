using System.Globalization;
using StreamRead.Redis.Serving;

namespace StreamRead.Api.Endpoints;

/// <summary>
/// Parses the path and query parameters of SPEC 4 by hand, so every bad value gets a 400 that
/// names the parameter and the accepted values (model binding would answer with an empty 400/404).
/// </summary>
internal static class RequestParameters
{
    /// <summary>Ids are at most 256 characters, as in the input records (SPEC 1).</summary>
    public const int MaxIdLength = 256;

    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    public static string? CheckId(string name, string? value) =>
        string.IsNullOrEmpty(value) ? $"{name} is empty: pass the id as it appears in the input records"
        : value.Length > MaxIdLength ? $"{name} is longer than {MaxIdLength} characters, so it cannot be a known id"
        : null;

    public static string? ParseSeq(string text, out long seq)
    {
        // Digits only: no sign, no spaces, no exponent; long.TryParse also rejects overflow.
        if (text.Length > 0 && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seq) && seq >= 1)
        {
            return null;
        }

        seq = 0;
        return $"seq '{Shorten(text)}' is not a message seq: pass a positive 64-bit integer (1 to {long.MaxValue})";
    }

    public static string? ParseState(string? text, out ReaderState state)
    {
        switch (text)
        {
            case null or "" or "read":
                state = ReaderState.Read;
                return null;
            case "unread":
                state = ReaderState.Unread;
                return null;
            default:
                state = default;
                return $"state '{Shorten(text)}' is not supported: pass state=read (readers) or state=unread (eligible members who have not read it)";
        }
    }

    public static string? ParseLimit(string? text, out int limit)
    {
        if (string.IsNullOrEmpty(text))
        {
            limit = DefaultLimit;
            return null;
        }

        if (text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit)
        {
            return null;
        }

        limit = 0;
        return $"limit '{Shorten(text)}' is out of range: pass an integer from 1 to {MaxLimit} (default {DefaultLimit})";
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
