using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace StreamRead.Api.Hosting;

/// <summary>
/// Creates the web host of <c>streamread api</c> and <c>streamread up</c>: an empty builder (the
/// caller owns configuration and logging, as every StreamRead command does) with Kestrel over
/// plain HTTP. Add <see cref="ApiServiceCollectionExtensions.AddStreamReadApi"/>, build, then
/// <see cref="ApiApplicationExtensions.MapStreamReadApi"/>.
/// </summary>
public static class StreamReadWebApplication
{
    /// <param name="contentRoot">The content root; the program's folder when null.</param>
    public static WebApplicationBuilder CreateBuilder(string? contentRoot = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
            ApplicationName = typeof(StreamReadWebApplication).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore();
        // The empty builder has no console lifetime: without it Ctrl-C and SIGTERM would not stop
        // the host in order (sinks flush, processor commits, local servers stop last).
        builder.Host.UseConsoleLifetime(o => o.SuppressStatusMessages = true);
        return builder;
    }
}
