using System.ComponentModel;
using Diplotrack.Features.Jobs;
using Diplotrack.Features.Reporting;
using Hangfire;

namespace Diplotrack.Features.Stance;

/// <summary>
/// The Hangfire entry points of the stance computation: nightly in full, and for each document soon after it
/// is ingested. Both are idempotent (derived rows are replaced atomically), so Hangfire's retries are safe.
/// Each ends by refreshing the reporting snapshot of the current codings, so reporting.codings is at most one
/// stance run behind the codings (docs/reporting.md, Freshness).
/// </summary>
public sealed class StanceBackgroundJobs(StanceJobs stance, ReportingSnapshot snapshot)
{
    public const string NightlyJobId = "stance-nightly";

    [DisplayName("Recompute all stance observations and changes")]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RecomputeAllAsync(CancellationToken ct)
    {
        await stance.RecomputeAllAsync(ct);
        await snapshot.RefreshAsync(ct);
    }

    [DisplayName("Recompute stance for document {0}")]
    public async Task RecomputeDocumentAsync(long documentId, CancellationToken ct)
    {
        await stance.RecomputeForDocumentsAsync([documentId], ct);
        await snapshot.RefreshAsync(ct);
    }
}

/// <summary>
/// Schedules the stance recomputation of each document the ingestion jobs store. The listener runs inside the
/// document's transaction, before commit, so the job is scheduled a little later rather than enqueued: it must
/// find the document committed. Should it ever run early, the nightly full recompute still picks the document up.
/// </summary>
public sealed class StanceIngestionListener(IBackgroundJobClient jobs) : IIngestionListener
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(15);

    public Task OnIngestedAsync(IngestedDocument document, CancellationToken ct)
    {
        jobs.Schedule<StanceBackgroundJobs>(j => j.RecomputeDocumentAsync(document.DocumentId, CancellationToken.None), Delay);
        return Task.CompletedTask;
    }
}
