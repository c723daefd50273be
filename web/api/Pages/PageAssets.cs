using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace MovieGen.Api.Pages;

public static class PageAssets
{
    /// <summary>/static: the pages' CSS and JS and the PocketBase SDK, copied beside the assembly at
    /// build time, so they are found whatever the working directory. Browsers revalidate them
    /// (ETag) on each load, so a new build is picked up at once.</summary>
    public static StaticFileOptions StaticFiles() => new()
    {
        FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "static")),
        RequestPath = "/static",
        OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
    };
}
