using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace StreamRead.Analytics.Web;

/// <summary>The page's files, embedded from Web/Page/ (loaded once).</summary>
internal static class PageAsset
{
    private static readonly Dictionary<string, byte[]> Files = Load();

    public static FileContentHttpResult Result(string name) =>
        TypedResults.File(Files[name], Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => "text/css; charset=utf-8",
        });

    private static Dictionary<string, byte[]> Load()
    {
        const string prefix = "StreamRead.Analytics.Page.";
        var assembly = typeof(PageAsset).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[prefix.Length..]] = copy.ToArray();
        }

        return files;
    }
}
