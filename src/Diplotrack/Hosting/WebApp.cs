using Diplotrack.Features.Jobs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Diplotrack.Hosting;

/// <summary>The server's table of contents: which services and endpoints each role has.</summary>
public static class WebApp
{
    public static WebApplication Build(ServeRole role, string? urls, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        if (!string.IsNullOrWhiteSpace(urls)) builder.WebHost.UseUrls(urls);
        builder.Services.AddDiplotrackCore(builder.Configuration);
        builder.Services.AddHealthChecks();
        builder.Services.AddDiplotrackJobsHosting(role);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapHealthChecks("/health");
        app.MapDiplotrackJobs(role);
        return app;
    }

    public static void PrintWhereToLook(WebApplication app, ServeRole role)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine($"Diplotrack is running (role: {role.ToString().ToLowerInvariant()}).");
        foreach (var address in addresses)
        {
            Console.WriteLine($"  Admin UI:   {address}/");
            Console.WriteLine($"  Health:     {address}/health");
            if (role.ServesWeb()) Console.WriteLine($"  Jobs:       {address}/hangfire");
        }
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
