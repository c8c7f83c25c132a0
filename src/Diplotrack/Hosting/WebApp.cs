using Diplotrack.Features.Api;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Coding.Corrections;
using Diplotrack.Features.Documents;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Features.Reporting;
using Diplotrack.Features.Users;
using Diplotrack.Features.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Diplotrack.Hosting;

/// <summary>The server's table of contents: which services and endpoints each role has.</summary>
public static class WebApp
{
    /// <param name="settings">Configuration that wins over files and environment (tests point a server at their own database).</param>
    public static WebApplication Build(ServeRole role, string? urls, Action<WebApplicationBuilder>? configure = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            // Razor Pages are found in the application assembly; under a test host the entry assembly is another one.
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        if (!string.IsNullOrWhiteSpace(urls)) builder.WebHost.UseUrls(urls);
        builder.Services.AddDiplotrackCore(builder.Configuration);
        builder.Services.AddHealthChecks();
        builder.Services.AddBackgroundJobServer(role);
        if (role.ServesWeb())
        {
            builder.Services.AddAuthFeature();
            builder.Services.AddSharedKeyRing();
            builder.Services.AddAdminWeb();
            builder.Services.AddDocumentsFeature();
            builder.Services.AddCodingsFeature();
            builder.Services.AddCodebookEditing();
            builder.Services.AddFailedFiles();
        }
        configure?.Invoke(builder);

        var app = builder.Build();
        // Probes must reach it without signing in; it tells nothing but "up".
        app.MapHealthChecks("/health").AllowAnonymous();
        if (role.ServesWeb())
        {
            app.UseAdminWeb();
            var api = app.MapApiV1();
            api.MapDocumentsApi();
            api.MapCodingsApi();
            api.MapCodebookApi();
            api.MapFailedFilesApi();
            api.MapUsersApi();
            api.MapReportsApi();
            app.MapAdminPages();
        }
        app.MapBackgroundJobDashboard(role);
        return app;
    }

    public static void PrintWhereToLook(WebApplication app, ServeRole role)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine($"Diplotrack is running (role: {role.ToString().ToLowerInvariant()}).");
        foreach (var address in addresses)
        {
            Console.WriteLine($"  Admin UI:   {address}/");
            Console.WriteLine($"  API:        {address}/api/v1  (OpenAPI: {address}/openapi/v1.json)");
            Console.WriteLine($"  Health:     {address}/health");
            if (role.ServesWeb()) Console.WriteLine($"  Jobs:       {address}/hangfire");
        }
        if (role.RunsJobs())
            Console.WriteLine($"  Inbox:      {app.Services.GetRequiredService<Features.Ingestion.Inbox.InboxIngestion>().ConfiguredPath}  (drop transcripts here)");
        var firstAdmin = app.Services.GetRequiredService<FirstAdminNotice>();
        if (firstAdmin.Password is not null)
        {
            // Printed once, on the start that created the account; it is not stored anywhere in clear.
            Console.WriteLine();
            Console.WriteLine("First start: an admin account was created.");
            Console.WriteLine($"  Sign in at {addresses.FirstOrDefault() ?? "the admin UI"}/account/login");
            Console.WriteLine($"  User:      {firstAdmin.Email}");
            Console.WriteLine($"  Password:  {firstAdmin.Password}");
            Console.WriteLine("  Change it with: diplotrack users set-password " + firstAdmin.Email);
            firstAdmin.Password = null;
        }
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
