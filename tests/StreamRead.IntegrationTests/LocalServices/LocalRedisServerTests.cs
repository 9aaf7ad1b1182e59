using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using StreamRead.LocalServices;
using StreamRead.LocalServices.Processes;
using Xunit;

namespace StreamRead.IntegrationTests.LocalServices;

/// <summary>The process supervision every local server shares, exercised through redis-server (the quickest to start).</summary>
[SupportedOSPlatform("linux")]
public sealed class LocalRedisServerTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("streamread-local-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string ServiceFolder => Path.Combine(_folder.FullName, "redis");

    private string PidFilePath => Path.Combine(ServiceFolder, "redis-server.pid");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Start_answers_PING_and_stop_leaves_no_process()
    {
        await using var server = NewServer();

        await server.StartAsync(Cancel);
        var pid = server.ProcessId!.Value;
        var answered = await Probes.RedisPingAsync(server.Port, Cancel);
        var pidFileWhileRunning = File.Exists(PidFilePath);
        await server.StopAsync(Cancel);

        Assert.True(answered);
        Assert.True(pidFileWhileRunning);
        Assert.False(server.IsRunning);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"redis-server pid {pid} is still there");
        Assert.False(File.Exists(PidFilePath));
    }

    [Fact]
    public async Task Dispose_stops_the_server()
    {
        var server = NewServer();
        await server.StartAsync(Cancel);
        var pid = server.ProcessId!.Value;

        server.Dispose();

        Assert.False(Directory.Exists($"/proc/{pid}"), $"redis-server pid {pid} is still there");
    }

    [Fact]
    public async Task Port_in_use_is_refused_naming_the_setting_and_option()
    {
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        other.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        other.Listen();
        var port = ((IPEndPoint)other.LocalEndPoint!).Port;
        await using var server = NewServer(o => o.Redis.Port = port);

        var error = await Assert.ThrowsAsync<LocalServiceException>(() => server.StartAsync(Cancel));

        Assert.Equal($"port {port} is in use: stop the other process or set LocalServices:Redis:Port / --redis-port", error.Message);
        Assert.False(server.IsRunning);
    }

    [Fact]
    public async Task Missing_binary_names_the_package_and_the_setting()
    {
        await using var server = NewServer(o => o.Redis.ServerPath = "streamread-no-such-redis-server");

        var error = await Assert.ThrowsAsync<LocalServiceException>(() => server.StartAsync(Cancel));

        Assert.Contains("run ./streamread, which installs redis-server, or apt-get install redis-server", error.Message, StringComparison.Ordinal);
        Assert.Contains("LocalServices:Redis:ServerPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_folder_that_cannot_be_written_names_the_setting()
    {
        var file = Path.Combine(_folder.FullName, "a-file");
        File.WriteAllText(file, "");
        await using var server = new LocalRedisServer(new LocalServicesOptions { DataDirectory = Path.Combine(file, "data") });

        var error = await Assert.ThrowsAsync<LocalServiceException>(() => server.StartAsync(Cancel));

        Assert.Contains("is not writable", error.Message, StringComparison.Ordinal);
        Assert.Contains("LocalServices:DataDirectory / --data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_that_exits_while_starting_is_reported_with_its_log_tail()
    {
        var fake = Path.Combine(_folder.FullName, "redis-server");
        File.WriteAllText(fake, "#!/bin/sh\necho \"FATAL: cannot open the moon\" >&2\nexit 3\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var server = NewServer(o => o.Redis.ServerPath = fake);

        var error = await Assert.ThrowsAsync<LocalServiceException>(() => server.StartAsync(Cancel));

        Assert.Contains("exited with code 3 while starting", error.Message, StringComparison.Ordinal);
        Assert.Contains("FATAL: cannot open the moon", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(PidFilePath));
    }

    [Fact]
    public async Task Server_left_by_a_killed_owner_is_stopped_on_the_next_start()
    {
        Directory.CreateDirectory(ServiceFolder);
        var deadOwner = await KilledProcessAsync();
        using var stale = Process.Start("redis-server", ["--bind", "127.0.0.1", "--port", "0", "--save", "", "--appendonly", "no"]);
        var staleStart = await StartTimeAsync(stale.Id);
        // The server stops a stale process only when it is a redis-server; before its exec it is
        // still a copy of this test host, which the server rightly leaves alone.
        await WaitUntilAsync(() => ProcFs.CommandLine(stale.Id).Contains("redis-server", StringComparison.Ordinal));
        new PidFile(PidFilePath).Write(new PidFile.Entry(stale.Id, staleStart, deadOwner.Pid, deadOwner.StartTime));
        await using var server = NewServer();

        await server.StartAsync(Cancel);
        // Reaps it (the test process started it); bounded, so a stale server left running fails the test.
        await stale.WaitForExitAsync(Cancel).WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.True(stale.HasExited);
        Assert.True(server.IsRunning);
        Assert.Equal(server.ProcessId, new PidFile(PidFilePath).Read()?.ServerPid);
    }

    [Fact]
    public async Task Pid_file_naming_another_program_never_stops_it()
    {
        Directory.CreateDirectory(ServiceFolder);
        var deadOwner = await KilledProcessAsync();
        using var bystander = Process.Start("sleep", ["60"]);
        try
        {
            new PidFile(PidFilePath).Write(new PidFile.Entry(bystander.Id, await StartTimeAsync(bystander.Id), deadOwner.Pid, deadOwner.StartTime));
            await using var server = NewServer();

            await server.StartAsync(Cancel);

            Assert.False(bystander.HasExited);
            Assert.Equal(server.ProcessId, new PidFile(PidFilePath).Read()?.ServerPid);
        }
        finally
        {
            bystander.Kill();
        }
    }

    [Fact]
    public async Task Data_folder_of_a_running_owner_is_refused_and_its_server_left_alone()
    {
        await using var first = NewServer();
        await first.StartAsync(Cancel);
        await using var second = NewServer();

        var error = await Assert.ThrowsAsync<LocalServiceException>(() => second.StartAsync(Cancel));

        Assert.Contains("is in use", error.Message, StringComparison.Ordinal);
        Assert.True(first.IsRunning);
        Assert.True(await Probes.RedisPingAsync(first.Port, Cancel));
    }

    private LocalRedisServer NewServer(Action<LocalServicesOptions>? configure = null)
    {
        var options = new LocalServicesOptions { DataDirectory = _folder.FullName, Redis = { Port = 0 } };
        configure?.Invoke(options);
        return new LocalRedisServer(options);
    }

    /// <summary>The identity of a process that ran and was killed, as an owner that died leaves it.</summary>
    private static async Task<(int Pid, long StartTime)> KilledProcessAsync()
    {
        using var owner = Process.Start("sleep", ["60"]);
        var startTime = await StartTimeAsync(owner.Id);
        owner.Kill();
        await owner.WaitForExitAsync(Cancel);
        return (owner.Id, startTime);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(10, Cancel);
        }
    }

    private static async Task<long> StartTimeAsync(int pid)
    {
        // The process may not have exec'd yet; its start time is known from fork on.
        long? startTime = null;
        await WaitUntilAsync(() => (startTime = ProcFs.StartTime(pid)) is not null);
        return startTime!.Value;
    }
}
