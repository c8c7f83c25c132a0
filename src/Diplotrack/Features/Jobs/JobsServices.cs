using Diplotrack.Data;
using Diplotrack.Features.Jobs.Inbox;
using Diplotrack.Features.Jobs.Sources;
using Diplotrack.Hosting;
using Hangfire;
using Hangfire.PostgreSql;
using Diplotrack.Features.Auth;
using Microsoft.Extensions.Options;

namespace Diplotrack.Features.Jobs;

public static class JobsServices
{
    /// <summary>The Hangfire tables live in the application database, in their own schema.</summary>
    public const string HangfireSchema = "hangfire";

    /// <summary>Services every role and the CLI need: the ingestion work itself and Hangfire's storage (to enqueue), no server.</summary>
    public static IServiceCollection AddDiplotrackJobServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section));
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.Section));
        services.AddOptions<SourcesOptions>().Bind(configuration.GetSection(SourcesOptions.Section));
        services.AddScoped<IngestionListeners>();
        services.AddSingleton<InboxIngestion>();
        services.AddSingleton<IListingParser, HtmlListingParser>();
        services.AddSingleton<PageFetcher>();
        services.AddSingleton<SourceCrawler>();
        services.AddTransient<IngestionJobs>();
        services.AddHttpClient(PageFetcher.ClientName, (sp, client) =>
        {
            var o = sp.GetRequiredService<IOptions<SourcesOptions>>().Value;
            client.Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
            client.DefaultRequestHeaders.UserAgent.ParseAdd(o.UserAgent);
        });

        var connectionString = DiplotrackDatabase.GetConnectionString(configuration);
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), StorageOptions()));
        return services;
    }

    public static PostgreSqlStorageOptions StorageOptions() => new() { SchemaName = HangfireSchema, PrepareSchemaIfNecessary = true };

    /// <summary>The server's part: a Hangfire server and the recurring jobs in worker roles.</summary>
    public static IServiceCollection AddDiplotrackJobsHosting(this IServiceCollection services, ServeRole role)
    {
        if (role.RunsJobs())
        {
            services.AddHangfireServer((sp, o) =>
            {
                o.WorkerCount = Math.Max(1, sp.GetRequiredService<IOptions<JobsOptions>>().Value.WorkerCount);
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
            services.AddHostedService<RecurringJobsRegistration>();
        }
        return services;
    }

    /// <summary>The dashboard at <c>/hangfire</c>, for admins only (<see cref="Policies.Admin"/>), in web roles.</summary>
    public static WebApplication MapDiplotrackJobs(this WebApplication app, ServeRole role)
    {
        if (role.ServesWeb())
            app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire", new DashboardOptions { DashboardTitle = "Diplotrack jobs" })
                .WithSecurityHeadersPolicy(Web.SecurityHeaders.HangfireDashboardPolicy);
        return app;
    }
}
