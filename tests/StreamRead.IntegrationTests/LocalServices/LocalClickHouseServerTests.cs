using System.Net;
using System.Net.Sockets;
using StreamRead.LocalServices;
using StreamRead.LocalServices.Processes;
using Xunit;

namespace StreamRead.IntegrationTests.LocalServices;

public sealed class LocalClickHouseServerTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("streamread-local-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Start_answers_ping_from_the_generated_config_and_stop_leaves_no_process()
    {
        await using var server = NewServer();

        await server.StartAsync(Cancel);
        var pid = server.ProcessId!.Value;
        var answered = await Probes.ClickHousePingAsync(server.HttpUrl, Cancel);
        await server.StopAsync(Cancel);

        Assert.True(answered);
        Assert.NotEqual(server.HttpPort, server.TcpPort);
        Assert.True(File.Exists(Path.Combine(server.Directory, "config.xml")));
        Assert.False(server.IsRunning);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"clickhouse-server pid {pid} is still there");
        Assert.False(File.Exists(Path.Combine(server.Directory, "clickhouse-server.pid")));
    }

    [Fact]
    public async Task Http_port_in_use_is_refused_naming_the_setting_and_option()
    {
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        other.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        other.Listen();
        var port = ((IPEndPoint)other.LocalEndPoint!).Port;
        await using var server = NewServer(port);

        var error = await Assert.ThrowsAsync<LocalServiceException>(() => server.StartAsync(Cancel));

        Assert.Equal($"port {port} is in use: stop the other process or set LocalServices:ClickHouse:HttpPort / --clickhouse-port", error.Message);
    }

    private LocalClickHouseServer NewServer(int httpPort = 0) =>
        new(new LocalServicesOptions { DataDirectory = _folder.FullName, ClickHouse = { HttpPort = httpPort, TcpPort = 0 } });
}
