using System.ComponentModel;
using Diplotrack.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Stance;

/// <summary>
/// The Hangfire entry points of the stance computation: nightly in full, and for the documents queued in
/// <c>app.stance_pending</c> (<see cref="StanceQueue"/>) soon after they change. All are idempotent (derived rows are
/// replaced atomically), so Hangfire's retries are safe. Each ends by refreshing the reporting snapshots, so the
/// reporting views are at most one stance run behind the codings (docs/reporting.md, Freshness).
/// </summary>
public sealed class StanceBackgroundJobs(DerivedData derived, DiplotrackDbContext db)
{
    public const string NightlyJobId = "stance-nightly";

    [DisplayName("Recompute all stance observations and changes")]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RecomputeAllAsync(CancellationToken ct)
    {
        var pending = await db.StancePending.AsNoTracking().ToListAsync(ct);
        await derived.RefreshAllAsync(ct);
        await DoneAsync(pending, ct); // the full run covered them
    }

    /// <summary>Every document queued so far, in one run; nothing to do when an earlier run took them.</summary>
    [DisplayName("Recompute stance for the queued documents")]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RecomputePendingAsync(CancellationToken ct)
    {
        var pending = await db.StancePending.AsNoTracking().ToListAsync(ct);
        if (pending.Count == 0) return;
        await derived.RefreshForDocumentsAsync(pending.Select(p => p.DocumentId).ToArray(), ct);
        await DoneAsync(pending, ct);
    }

    // Removes the entries this run saw; a document queued again since (a later queued_at) stays for the next run.
    private async Task DoneAsync(List<Data.Stance.StancePending> seen, CancellationToken ct)
    {
        if (seen.Count == 0) return;
        var ids = seen.Select(p => p.DocumentId).ToArray();
        var times = seen.Select(p => p.QueuedAt).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM app.stance_pending p
            USING unnest({ids}, {times}) AS done(document_id, queued_at)
            WHERE p.document_id = done.document_id AND p.queued_at = done.queued_at
            """, ct);
    }
}
