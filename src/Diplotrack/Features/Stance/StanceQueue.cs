using Diplotrack.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Stance;

/// <summary>
/// Queues a document's stance recompute: a row in <c>app.stance_pending</c>, written on the caller's connection (inside
/// its transaction when it has one, so the queue entry commits or rolls back with the change), and a job that drains
/// the queue. Many documents queued close together are recomputed by one run; the jobs that find the queue empty end
/// at once.
/// </summary>
public sealed class StanceQueue(DiplotrackDbContext db, IBackgroundJobClient jobs)
{
    /// <summary>How long after an ingestion the drain runs: the document's transaction must have committed by then.</summary>
    public static readonly TimeSpan IngestionDelay = TimeSpan.FromSeconds(15);

    /// <param name="delay">Null: as soon as a worker is free (the change is already committed).</param>
    public async Task QueueAsync(long documentId, TimeSpan? delay, CancellationToken ct)
    {
        // clock_timestamp(), not now(): a document queued again in a later transaction gets a later time even if an
        // older transaction is still open, so a run removes only the entries it has seen.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO app.stance_pending (document_id, queued_at) VALUES ({documentId}, clock_timestamp())
            ON CONFLICT (document_id) DO UPDATE SET queued_at = excluded.queued_at
            """, ct);
        if (delay is { } wait) jobs.Schedule<StanceBackgroundJobs>(j => j.RecomputePendingAsync(CancellationToken.None), wait);
        else jobs.Enqueue<StanceBackgroundJobs>(j => j.RecomputePendingAsync(CancellationToken.None));
    }
}
