using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamRead.Redis.Serving;

/// <summary>
/// The opaque paging cursor of a readers query: the (public watermark, userId) of the last
/// entry a page examined, base64url-encoded so clients pass it back verbatim.
/// </summary>
internal readonly partial record struct ReadersCursor(string Score, string UserId)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Score}\n{UserId}"));

    public static bool TryDecode(string? text, out ReadersCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 2048)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes);
        var split = decoded.IndexOf('\n', StringComparison.Ordinal);
        if (split <= 0 || split == decoded.Length - 1 || !ScorePattern().IsMatch(decoded.AsSpan(0, split)))
        {
            return false;
        }

        cursor = new ReadersCursor(decoded[..split], decoded[(split + 1)..]);
        return true;
    }

    /// <summary>
    /// A score as Redis prints a watermark: a non-negative integer without leading zeros, or for
    /// huge ones the <c>%.17g</c> exponent form (<c>1e+18</c>). The readers script hands the score
    /// to ZCOUNT, so anything else a client forged (spaces, signs, NaN) would be a Redis error.
    /// </summary>
    [GeneratedRegex(@"^(0|[1-9][0-9]{0,16}|[1-9](\.[0-9]{1,16})?e\+[0-9]{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex ScorePattern();
}
