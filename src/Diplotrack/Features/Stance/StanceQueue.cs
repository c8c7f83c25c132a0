using Diplotrack.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Stance;

/// <summary>
/// Queues a document's stance recompute: a row in <c>app.stance_pending</c>, written on the caller's connection (inside
/// its transaction when it has one, so the queue entry commits or rolls back with the change), and a job that drains
/// the queue. A burst of documents (20 files dropped into the inbox) schedules one drain: a document queued while a
/// drain is already scheduled and not yet due rides on it instead of scheduling its own (issue 13: 19 of 20 drains found
/// nothing to do).
/// </summary>
public sealed class StanceQueue(DiplotrackDbContext db, IBackgroundJobClient jobs, JobStorage storage, TimeProvider clock)
{
    /// <summary>How long after an ingestion the drain runs: the document's transaction must have committed by then.</summary>
    public static readonly TimeSpan IngestionDelay = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A scheduled drain is reused only when at least this long remains before it runs, so the caller's transaction
    /// (one document's) has committed by the time it reads the queue. A drain also re-enqueues itself when it ends with
    /// entries it did not see, which covers a commit landing while it runs; the nightly full run covers the rest.
    /// </summary>
    public static readonly TimeSpan ReuseMargin = TimeSpan.FromSeconds(5);

    /// <param name="delay">Null: as soon as a worker is free (the change is already committed).</param>
    public async Task QueueAsync(long documentId, TimeSpan? delay, CancellationToken ct)
    {
        // clock_timestamp(), not now(): a document queued again in a later transaction gets a later time even if an
        // older transaction is still open, so a run removes only the entries it has seen.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO app.stance_pending (document_id, queued_at) VALUES ({documentId}, clock_timestamp())
            ON CONFLICT (document_id) DO UPDATE SET queued_at = excluded.queued_at
            """, ct);
        if (delay is { } wait)
        {
            if (!DrainScheduledWithin(wait)) jobs.Schedule<StanceBackgroundJobs>(j => j.RecomputePendingAsync(CancellationToken.None), wait);
        }
        else jobs.Enqueue<StanceBackgroundJobs>(j => j.RecomputePendingAsync(CancellationToken.None));
    }

    /// <summary>Whether a drain is scheduled to run between <see cref="ReuseMargin"/> and <paramref name="wait"/> from now.</summary>
    private bool DrainScheduledWithin(TimeSpan wait)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The scheduled set holds the delayed jobs of every kind, ordered by due time; a handful in practice.
        var scheduled = storage.GetMonitoringApi().ScheduledJobs(0, 200);
        return scheduled.Any(j => j.Value is { InScheduledState: true, Job: { } job } dto
            && job.Type == typeof(StanceBackgroundJobs) && job.Method.Name == nameof(StanceBackgroundJobs.RecomputePendingAsync)
            && dto.EnqueueAt >= now + ReuseMargin && dto.EnqueueAt <= now + wait);
    }
}
