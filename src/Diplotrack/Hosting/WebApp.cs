using Diplotrack.Features.Api;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Coding.Corrections;
using Diplotrack.Features.Database;
using Diplotrack.Features.Documents;
using Diplotrack.Features.Explorer;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Features.Reporting;
using Diplotrack.Features.Users;
using Diplotrack.Features.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Diplotrack.Hosting;

/// <summary>The server's table of contents: which services and endpoints each role has.</summary>
public static class WebApp
{
    /// <param name="urls">Where to listen. For a worker: its health address, and none when null (it serves no UI or API).</param>
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
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, tags: [DatabaseHealthCheck.ReadyTag]);
        if (role == ServeRole.Worker && string.IsNullOrWhiteSpace(urls))
            builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.Server.IServer, NoListeningServer>();
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
            builder.Services.AddExplorerFeature();
        }
        configure?.Invoke(builder);

        var app = builder.Build();
        // Probes must reach them without signing in; they tell nothing but the status. Live: the process answers
        // (restart it if not). Ready: it can also reach PostgreSQL (send it traffic only then). /health is readiness:
        // it said Healthy through a database outage (issue 17, item 7).
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(DatabaseHealthCheck.ReadyTag) };
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health", ready).AllowAnonymous();
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
            app.MapExplorerExports();
            app.MapAdminPages();
        }
        app.MapBackgroundJobDashboard(role);
        return app;
    }

    public static void PrintWhereToLook(WebApplication app, ServeRole role, TextWriter? output = null)
    {
        output ??= Console.Out; // stdout; tests pass a writer to read the banner
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        output.WriteLine($"Diplotrack is running (role: {role.ToString().ToLowerInvariant()}).");
        foreach (var address in addresses)
        {
            // A worker has no UI or API: advertising them sent people to addresses that answer 404.
            if (role.ServesWeb())
            {
                output.WriteLine($"  Admin UI:   {address}/");
                output.WriteLine($"  API:        {address}/api/v1  (OpenAPI: {address}/openapi/v1.json)");
            }
            output.WriteLine($"  Health:     {address}/health/ready  (liveness: {address}/health/live)");
            if (role.ServesWeb()) output.WriteLine($"  Jobs:       {address}/hangfire");
        }
        if (!role.ServesWeb() && addresses.Count == 0)
            output.WriteLine("  Web:        none (a worker serves no UI or API; --health-urls opens a health port)");
        if (role.RunsJobs())
            output.WriteLine($"  Inbox:      {app.Services.GetRequiredService<Features.Ingestion.Inbox.InboxIngestion>().ConfiguredPath}  (drop transcripts here)");
        var firstAdmin = app.Services.GetRequiredService<FirstAdminNotice>();
        if (firstAdmin.Password is not null)
        {
            // Printed once, on the start that created the account; it is not stored anywhere in clear.
            output.WriteLine();
            output.WriteLine("First start: an admin account was created.");
            output.WriteLine($"  Sign in at {addresses.FirstOrDefault() ?? "the admin UI"}/account/login");
            output.WriteLine($"  User:      {firstAdmin.Email}");
            output.WriteLine($"  Password:  {firstAdmin.Password}");
            output.WriteLine("  Change it with: diplotrack users set-password " + firstAdmin.Email);
            firstAdmin.Password = null;
        }
        output.WriteLine("Press Ctrl+C to stop.");
    }
}
