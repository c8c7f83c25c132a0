using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Diplotrack.Tests.Jobs;

/// <summary>
/// A static web server on 127.0.0.1 (Kestrel, port 0) serving a folder, so that the crawler runs end to end without
/// ever touching the real site. Paths under <c>/slow/</c> answer only after <see cref="SlowDelay"/> (for timeouts).
/// </summary>
public sealed class LocalSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    public ConcurrentDictionary<string, int> Requests { get; } = new();
    public Uri BaseUri { get; }
    public string Root { get; }
    public static TimeSpan SlowDelay { get; } = TimeSpan.FromSeconds(5);

    private LocalSite(WebApplication app, string root)
    {
        _app = app;
        Root = root;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
    }

    public static async Task<LocalSite> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalSite? site = null;
        app.Use(async (context, next) =>
        {
            site!.Requests.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            if (context.Request.Path.StartsWithSegments("/slow"))
            {
                try
                {
                    await Task.Delay(SlowDelay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            await next(context);
        });
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".shtml"] = "text/html; charset=utf-8";
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), ContentTypeProvider = types, ServeUnknownFileTypes = true });
        await app.StartAsync();
        site = new LocalSite(app, root);
        return site;
    }

    public Uri Url(string relativePath) => new(BaseUri, relativePath);

    public int RequestCount(string relativePath) => Requests.GetValueOrDefault("/" + relativePath.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
