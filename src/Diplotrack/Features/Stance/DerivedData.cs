using System.Diagnostics;
using Diplotrack.Features.Reporting;

namespace Diplotrack.Features.Stance;

/// <summary>How long the two steps of a full refresh took, worded for the verbs that print it.</summary>
public sealed record DerivedDataRefresh(TimeSpan Stance, TimeSpan Snapshots)
{
    public string Summary => $"Stance observations and changes recomputed for all documents in {Stance.TotalSeconds:F1} s; " +
                             $"reporting snapshots refreshed in {Snapshots.TotalSeconds:F1} s.";
}

/// <summary>
/// The one owner of "the codings changed, so the derived data is stale": stance observations and changes first, then
/// the reporting snapshots computed from codings and stance (docs/reporting.md, Freshness). Every job, verb and the
/// seeder go through here, so no caller can recompute stance and forget the snapshots, or refresh them in the wrong order.
/// </summary>
public sealed class DerivedData(StanceJobs stance, ReportingSnapshot snapshot)
{
    /// <summary>Everything: after a bulk load, a re-code, or nightly.</summary>
    public async Task<DerivedDataRefresh> RefreshAllAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await stance.RecomputeAllAsync(ct);
        var stanceTime = Stopwatch.GetElapsedTime(started);
        await snapshot.RefreshAsync(ct);
        return new DerivedDataRefresh(stanceTime, Stopwatch.GetElapsedTime(started) - stanceTime);
    }

    /// <summary>Only the speakers and venues these documents touch, then the snapshots.</summary>
    public async Task RefreshForDocumentsAsync(IReadOnlyCollection<long> documentIds, CancellationToken ct)
    {
        await stance.RecomputeForDocumentsAsync(documentIds, ct);
        await snapshot.RefreshAsync(ct);
    }

    /// <summary>
    /// Only the snapshots: for a change whose stance recompute is already queued per document (seeding stores documents
    /// through DocumentStore, which queues it), so analysts see the new codings at once.
    /// </summary>
    public async Task RefreshSnapshotsAsync(CancellationToken ct) => await snapshot.RefreshAsync(ct);
}
