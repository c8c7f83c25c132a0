using Diplotrack.Data;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Stance;
using Diplotrack.Features.Web;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace Diplotrack.Hosting;

/// <summary>Hangfire: its storage for every role (to enqueue), a server and the recurring jobs in worker roles, the dashboard in web roles.</summary>
public static class BackgroundJobs
{
    /// <summary>The Hangfire tables live in the application database, in their own schema.</summary>
    public const string HangfireSchema = "hangfire";

    public static IServiceCollection AddBackgroundJobStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section));
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
    public static IServiceCollection AddBackgroundJobServer(this IServiceCollection services, ServeRole role)
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
    public static WebApplication MapBackgroundJobDashboard(this WebApplication app, ServeRole role)
    {
        if (role.ServesWeb())
            app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire", new DashboardOptions { DashboardTitle = "Diplotrack jobs" })
                .WithSecurityHeadersPolicy(SecurityHeaders.HangfireDashboardPolicy);
        return app;
    }
}

/// <summary>
/// Schedules of the recurring jobs (section <c>Jobs</c>), as Hangfire cron expressions. An empty value removes
/// the job, so an operator can switch one off without a code change.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Scan the inbox folder; every minute, so a dropped file is in within two minutes.</summary>
    public string InboxCron { get; set; } = "* * * * *";
    /// <summary>Poll the enabled sources' listing pages for new transcripts.</summary>
    public string SourcesCron { get; set; } = "0 * * * *";
    /// <summary>Re-fetch transcript pages already stored, to catch edits the site makes after publication.</summary>
    public string RefetchCron { get; set; } = "30 3 * * *";
    /// <summary>Recompute every stance observation and change (each ingestion also recomputes the keys it touched).</summary>
    public string StanceCron { get; set; } = "0 2 * * *";
    /// <summary>Hangfire worker threads in a worker process; the machine is small and jobs are I/O bound.</summary>
    public int WorkerCount { get; set; } = 2;
}

/// <summary>Registers (or updates, or removes when its cron is empty) each recurring job when a worker starts.</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager manager, IOptions<JobsOptions> options, ILogger<RecurringJobsRegistration> log)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        Register(IngestionJobs.InboxJobId, o.InboxCron, () => manager.AddOrUpdate<IngestionJobs>(
            IngestionJobs.InboxJobId, j => j.IngestInboxAsync(null, CancellationToken.None), o.InboxCron, Utc));
        Register(IngestionJobs.SourcesJobId, o.SourcesCron, () => manager.AddOrUpdate<IngestionJobs>(
            IngestionJobs.SourcesJobId, j => j.PollSourcesAsync(null, CancellationToken.None), o.SourcesCron, Utc));
        Register(IngestionJobs.RefetchJobId, o.RefetchCron, () => manager.AddOrUpdate<IngestionJobs>(
            IngestionJobs.RefetchJobId, j => j.RefetchPagesAsync(null, CancellationToken.None), o.RefetchCron, Utc));
        Register(StanceBackgroundJobs.NightlyJobId, o.StanceCron, () => manager.AddOrUpdate<StanceBackgroundJobs>(
            StanceBackgroundJobs.NightlyJobId, j => j.RecomputeAllAsync(CancellationToken.None), o.StanceCron, Utc));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static readonly RecurringJobOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };

    private void Register(string id, string? cron, Action addOrUpdate)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            manager.RemoveIfExists(id);
            log.LogInformation("Recurring job {Job} is switched off (no cron configured)", id);
            return;
        }
        addOrUpdate();
    }
}
