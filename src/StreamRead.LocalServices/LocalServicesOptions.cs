namespace StreamRead.LocalServices;

/// <summary>The servers StreamRead runs locally (configuration section <c>LocalServices</c>).</summary>
public sealed class LocalServicesOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "LocalServices";

    /// <summary>
    /// The folder holding every service's data, logs and pid file (one subfolder per service).
    /// A relative path is taken from the repository root (the folder with StreamRead.sln above the
    /// current directory), else from the current directory; the default is git-ignored.
    /// </summary>
    public string DataDirectory { get; set; } = ".streamread";

    /// <summary>How long a server may take to answer after it was started.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a server may take to stop after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The local Redis server.</summary>
    public LocalRedisOptions Redis { get; set; } = new();

    /// <summary>The local ClickHouse server.</summary>
    public LocalClickHouseOptions ClickHouse { get; set; } = new();

    /// <summary>The absolute data folder of one service: <see cref="DataDirectory"/> resolved, plus <paramref name="service"/>.</summary>
    public string ServiceDirectory(string service)
    {
        if (Path.IsPathRooted(DataDirectory))
        {
            return Path.Combine(DataDirectory, service);
        }

        var root = new DirectoryInfo(Environment.CurrentDirectory);
        for (var folder = root; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "StreamRead.sln")))
            {
                root = folder;
                break;
            }
        }

        return Path.GetFullPath(Path.Combine(root.FullName, DataDirectory, service));
    }
}
