using System.ComponentModel;
using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Features.Ingestion.Sources;
using Hangfire;
using Hangfire.Server;

namespace Diplotrack.Features.Ingestion;

/// <summary>
/// The Hangfire entry points of the ingestion jobs. They stay thin: the work lives in <see cref="InboxIngestion"/>
/// and <see cref="SourceCrawler"/>, which the CLI calls too. A job that throws (database unreachable) is
/// retried by Hangfire's default <see cref="AutomaticRetryAttribute"/>; every file and page is its own
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
