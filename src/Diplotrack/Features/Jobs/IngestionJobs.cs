using System.ComponentModel;
using Diplotrack.Features.Jobs.Inbox;
using Diplotrack.Features.Jobs.Sources;
using Hangfire;
using Hangfire.Server;

namespace Diplotrack.Features.Jobs;

/// <summary>
/// The Hangfire entry points of the ingestion jobs. They stay thin: the work lives in <see cref="InboxIngestion"/>
/// and <see cref="SourceCrawler"/>, which the CLI calls too. A job that throws (database unreachable, a listener
/// failing) is retried by Hangfire's default <see cref="AutomaticRetryAttribute"/>; every file and page is its own
/// transaction, so a retry never finds half-written rows and redoes only what is left.
/// </summary>
public sealed class IngestionJobs(InboxIngestion inbox, SourceCrawler crawler)
{
    public const string InboxJobId = "ingest-inbox";
    public const string SourcesJobId = "poll-sources";
    public const string RefetchJobId = "refetch-pages";

    [DisplayName("Ingest the inbox folder")]
    public async Task IngestInboxAsync(PerformContext? context, CancellationToken ct) =>
        await inbox.RunAsync(inbox.ConfiguredPath, "inbox", context?.BackgroundJob.Id, "inbox", ct);

    /// <summary>One poll at a time: overlapping polls would fetch the same pages twice (harmless, but wasteful for the site).</summary>
    [DisplayName("Poll sources for new transcripts")]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task PollSourcesAsync(PerformContext? context, CancellationToken ct) =>
        await crawler.PollAsync("sources", context?.BackgroundJob.Id, ct);

    [DisplayName("Re-fetch stored pages for edits")]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RefetchPagesAsync(PerformContext? context, CancellationToken ct) =>
        await crawler.RefetchAsync("refetch", context?.BackgroundJob.Id, ct);
}

/// <summary>Registers (or updates, or removes when its cron is empty) each recurring job when a worker starts.</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager manager, Microsoft.Extensions.Options.IOptions<JobsOptions> options, ILogger<RecurringJobsRegistration> log)
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
        Register(Stance.StanceBackgroundJobs.NightlyJobId, o.StanceCron, () => manager.AddOrUpdate<Stance.StanceBackgroundJobs>(
            Stance.StanceBackgroundJobs.NightlyJobId, j => j.RecomputeAllAsync(CancellationToken.None), o.StanceCron, Utc));
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
