using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace StreamRead.Kafka.Native;

/// <summary>
/// Makes Confluent.Kafka find the system librdkafka (Debian's <c>librdkafka1</c>).
/// </summary>
/// <remarks>
/// Confluent.Kafka asks for <c>librdkafka</c> (only the -dev package provides <c>librdkafka.so</c>)
/// and for <c>libdl</c> (glibc 2.36 ships only <c>libdl.so.2</c>). The resolver first tries the
/// default probing, so a real <c>librdkafka.redist</c> binary still wins, then falls back to the
/// versioned system names. Call <see cref="EnsureRegistered"/> before creating the first client.
/// </remarks>
public static class NativeLibraryResolver
{
    private static int _registered;

    /// <summary>The system library the mock cluster and the fallback load: <c>librdkafka.so.1</c>.</summary>
    public const string SystemLibrdkafka = "librdkafka.so.1";

    /// <summary>Registers the resolver once per process; later calls do nothing.</summary>
    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(typeof(ProducerConfig).Assembly, Resolve);
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle))
        {
            return handle;
        }

        var fallback = name switch
        {
            _ when name.Contains("rdkafka", StringComparison.Ordinal) => SystemLibrdkafka,
            "libdl" or "dl" => "libdl.so.2",
            _ => null,
        };
        if (fallback is not null && NativeLibrary.TryLoad(fallback, out handle))
        {
            return handle;
        }

        if (fallback == SystemLibrdkafka)
        {
            throw new DllNotFoundException(
                "librdkafka was not found. On Debian/Ubuntu run './streamread' once (it installs " +
                "librdkafka1), or 'apt-get install librdkafka1'; elsewhere install librdkafka 2.x.");
        }

        return IntPtr.Zero;
    }
}
