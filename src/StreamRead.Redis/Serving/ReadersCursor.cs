using System.Buffers.Text;
using System.Text;

namespace StreamRead.Redis.Serving;

/// <summary>
/// The opaque paging cursor of a readers query: the (public watermark, userId) of the last
/// entry a page examined, base64url-encoded so clients pass it back verbatim.
/// </summary>
internal readonly record struct ReadersCursor(string Score, string UserId)
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
        if (split <= 0 || split == decoded.Length - 1 || !long.TryParse(decoded.AsSpan(0, split), out _))
        {
            return false;
        }

        cursor = new ReadersCursor(decoded[..split], decoded[(split + 1)..]);
        return true;
    }
}
