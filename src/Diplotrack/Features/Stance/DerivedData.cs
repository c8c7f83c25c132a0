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
    /// <summary>The steps of <see cref="RefreshAllAsync"/> that it reports progress in: the stance recompute, then each snapshot.</summary>
    public static int Steps => 1 + ReportingSnapshot.Snapshots.Count;

    /// <summary>Everything: after a bulk load, a re-code, or nightly.</summary>
    /// <param name="progress">Told the number of <see cref="Steps"/> done (the CLI's progress line).</param>
    public async Task<DerivedDataRefresh> RefreshAllAsync(CancellationToken ct, IProgress<long>? progress = null)
    {
        var started = Stopwatch.GetTimestamp();
        await stance.RecomputeAllAsync(ct);
        var stanceTime = Stopwatch.GetElapsedTime(started);
        progress?.Report(1);
        await snapshot.RefreshAsync(ct, progress is null ? null : new Progress1Based(progress));
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

    /// <summary>Snapshots done, counted after the stance step.</summary>
    private sealed class Progress1Based(IProgress<long> inner) : IProgress<long>
    {
        public void Report(long value) => inner.Report(1 + value);
    }
}
