using System.Runtime.InteropServices;

namespace StreamRead.Kafka.Native;

/// <summary>
/// P/Invoke declarations for librdkafka's mock cluster (<c>rdkafka_mock.h</c>, checked against
/// librdkafka 2.0.2) and the few core calls it needs. The mock API is experimental upstream, so
/// only long-stable entry points are used.
/// </summary>
internal static partial class LibrdkafkaMock
{
    /// <summary><c>RD_KAFKA_PRODUCER</c>: the mock cluster needs an <c>rd_kafka_t</c> for bookkeeping only.</summary>
    public const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c>.</summary>
    public const int ConfOk = 0;

    /// <summary>Size of the error string buffers librdkafka fills.</summary>
    public const int ErrorBufferSize = 512;

    [LibraryImport(NativeLibraryResolver.SystemLibrdkafka)]
    public static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(NativeLibraryResolver.SystemLibrdkafka, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(NativeLibraryResolver.SystemLibrdkafka)]
    public static partial void rd_kafka_conf_destroy(IntPtr conf);

    /// <summary>Takes ownership of <paramref name="conf"/> on success only.</summary>
    [LibraryImport(NativeLibraryResolver.SystemLibrdkafka)]
    public static unsafe partial IntPtr rd_kafka_new(int type, IntPtr conf, byte* errstr, nuint errstrSize);

    [LibraryImport(NativeLibraryResolver.SystemLibrdkafka)]
    public static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(NativeLibraryResolver.SystemLibrdkafka)]
    public static partial IntPtr rd_kafka_err2str(int err);

    [LibraryImport(NativeLibraryResolver.SystemLibrdkafka)]
    public static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    /// <summary>Returns a string owned by the cluster (do not free).</summary>
    [LibraryImport(NativeLibraryResolver.SystemLibrdkafka)]
    public static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [LibraryImport(NativeLibraryResolver.SystemLibrdkafka, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(NativeLibraryResolver.SystemLibrdkafka)]
    public static partial void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

    /// <summary>The text of a <c>rd_kafka_resp_err_t</c>.</summary>
    public static string ErrorText(int error) => Marshal.PtrToStringUTF8(rd_kafka_err2str(error)) ?? $"error {error}";
}
