using System.Runtime.InteropServices;
using System.Text;
using StreamRead.Kafka.Native;

namespace StreamRead.Kafka.Dev;

/// <summary>
/// One librdkafka mock cluster and the client handle that owns it. Its brokers listen on random
/// loopback ports; <see cref="Bootstraps"/> lists them.
/// </summary>
internal sealed class MockCluster : IDisposable
{
    private IntPtr _handle;
    private IntPtr _cluster;

    private MockCluster(IntPtr handle, IntPtr cluster, string bootstraps)
    {
        _handle = handle;
        _cluster = cluster;
        Bootstraps = bootstraps;
    }

    /// <summary>The brokers' own comma-separated <c>127.0.0.1:port</c> list.</summary>
    public string Bootstraps { get; }

    /// <summary>Creates a cluster of <paramref name="brokerCount"/> brokers (ids 1..n).</summary>
    /// <exception cref="DevBrokerException">librdkafka refused.</exception>
    public static unsafe MockCluster Create(int brokerCount)
    {
        NativeLibraryResolver.EnsureRegistered();
        var errors = stackalloc byte[LibrdkafkaMock.ErrorBufferSize];
        var conf = LibrdkafkaMock.rd_kafka_conf_new();
        // The handle never connects anywhere; keep its "no bootstrap.servers" notice out of the console.
        string[][] settings = [["client.id", "streamread-dev-broker"], ["log_level", "3"]];
        foreach (var setting in settings)
        {
            if (LibrdkafkaMock.rd_kafka_conf_set(conf, setting[0], setting[1], errors, LibrdkafkaMock.ErrorBufferSize) != LibrdkafkaMock.ConfOk)
            {
                LibrdkafkaMock.rd_kafka_conf_destroy(conf);
                throw new DevBrokerException($"librdkafka rejected {setting[0]}: {Text(errors)}");
            }
        }

        var handle = LibrdkafkaMock.rd_kafka_new(LibrdkafkaMock.ProducerType, conf, errors, LibrdkafkaMock.ErrorBufferSize);
        if (handle == IntPtr.Zero)
        {
            LibrdkafkaMock.rd_kafka_conf_destroy(conf);
            throw new DevBrokerException($"librdkafka could not create the mock cluster's client handle: {Text(errors)}");
        }

        var cluster = LibrdkafkaMock.rd_kafka_mock_cluster_new(handle, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            LibrdkafkaMock.rd_kafka_destroy(handle);
            throw new DevBrokerException(
                $"librdkafka could not start a mock cluster of {brokerCount} broker(s): check that librdkafka 2.x is installed (apt-get install librdkafka1)");
        }

        var bootstraps = Marshal.PtrToStringUTF8(LibrdkafkaMock.rd_kafka_mock_cluster_bootstraps(cluster)) ?? "";
        return new MockCluster(handle, cluster, bootstraps);
    }

    /// <summary>Creates a topic; the mock keeps no topic configs and caps replication at the broker count.</summary>
    /// <exception cref="DevBrokerException">The topic exists already or the arguments are invalid.</exception>
    public void CreateTopic(string name, int partitions, int replicationFactor)
    {
        ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
        var error = LibrdkafkaMock.rd_kafka_mock_topic_create(_cluster, name, partitions, replicationFactor);
        if (error != 0)
        {
            throw new DevBrokerException($"the dev broker could not create topic '{name}' ({partitions} partitions): {LibrdkafkaMock.ErrorText(error)}");
        }
    }

    public void Dispose()
    {
        // The cluster before the handle it was created on (rdkafka_mock.h).
        if (_cluster != IntPtr.Zero)
        {
            LibrdkafkaMock.rd_kafka_mock_cluster_destroy(_cluster);
            _cluster = IntPtr.Zero;
        }

        if (_handle != IntPtr.Zero)
        {
            LibrdkafkaMock.rd_kafka_destroy(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private static unsafe string Text(byte* buffer) => Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(buffer));
}
