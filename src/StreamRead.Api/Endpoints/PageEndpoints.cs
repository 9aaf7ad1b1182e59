using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace StreamRead.Api.Endpoints;

/// <summary>The live page (<c>/</c>, <c>/app.js</c>, <c>/app.css</c>), served from resources embedded in this assembly.</summary>
internal static class PageEndpoints
{
    public static void MapLivePage(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), "StreamRead.Api.wwwroot");
        app.MapGet("/", () => Results.File(files.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }
}
