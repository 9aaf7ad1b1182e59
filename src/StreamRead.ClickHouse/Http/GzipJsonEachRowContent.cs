using System.Buffers;
using System.IO.Compression;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace StreamRead.ClickHouse.Http;

/// <summary>
/// A request body of JSONEachRow lines (one JSON object per row), gzip-compressed while it is
/// sent, so a large insert never sits in memory whole. ClickHouse 18.16 and later decompress a
/// body sent with <c>Content-Encoding: gzip</c> without any setting.
/// </summary>
internal sealed class GzipJsonEachRowContent<T> : HttpContent
{
    private const int FlushThreshold = 64 * 1024;

    // Non-ASCII text as raw UTF-8 rather than \u escapes: smaller, and ClickHouse reads both.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IEnumerable<T> _rows;
    private readonly JsonTypeInfo<T> _typeInfo;

    public GzipJsonEachRowContent(IEnumerable<T> rows, JsonTypeInfo<T> typeInfo)
    {
        _rows = rows;
        _typeInfo = typeInfo;
        Headers.ContentType = new("application/x-ndjson");
        Headers.ContentEncoding.Add("gzip");
    }

    /// <summary>Rows written so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>
    /// An exception thrown by the rows or their serialization (not by the network). HttpClient wraps
    /// it in an HttpRequestException; the client rethrows it as it is, since it is the caller's bug.
    /// </summary>
    public Exception? RowFailure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        await using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        using var rows = _rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!rows.MoveNext())
                {
                    break;
                }

                JsonSerializer.Serialize(writer, rows.Current, _typeInfo);
                writer.Flush();
            }
            catch (Exception e)
            {
                RowFailure = e;
                throw;
            }

            buffer.Write("\n"u8);
            writer.Reset(buffer);
            RowCount++;
            if (buffer.WrittenCount >= FlushThreshold)
            {
                await gzip.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        await gzip.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
