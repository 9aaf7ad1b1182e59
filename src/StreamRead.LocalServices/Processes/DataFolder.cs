namespace StreamRead.LocalServices.Processes;

/// <summary>Creates a service's data folder and proves it writable before a server is pointed at it.</summary>
internal static class DataFolder
{
    /// <summary>Creates <paramref name="path"/> if needed and checks that files can be written in it.</summary>
    public static string Prepare(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalServiceException(
                $"the data folder {path} is not writable ({e.Message}): choose another with LocalServices:DataDirectory / --data, or fix its permissions", e);
        }
    }
}
