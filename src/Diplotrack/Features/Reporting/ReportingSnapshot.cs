using System.Diagnostics;
using Diplotrack.Data;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Reporting;

/// <summary>
/// Refreshes the snapshots behind the reporting views (the newest migrations/Diplotrack.Migrations/Sql/reporting_views.*.sql, SqlScript.CurrentReportingViews): the pre-joined rows behind
/// <c>codings</c>, <c>statement_themes</c> and <c>formula_matches</c>, then the summaries computed from them
/// (<c>document_targets</c>, <c>monthly_targets</c>, <c>exchange_stance</c>, <c>monthly_statements</c>,
/// <c>monthly_themes</c>, <c>formula_usage</c>). Pre-joining and pre-counting keep whole-archive queries under 50 ms;
/// the jobs that change what analysts should see (stance recompute, recode, <c>diplotrack recompute</c>, seeding)
/// call this at their end. Each snapshot is a table brought up to date by <c>app.refresh_reporting_snapshot</c>, which
/// rewrites only the rows that differ; analysts keep reading the old rows meanwhile, never an empty or locked table.
/// One transaction: the summaries are computed from the refreshed rows, and readers see every snapshot switch at once.
/// </summary>
public sealed class ReportingSnapshot(DiplotrackDbContext db, ILogger<ReportingSnapshot> log)
{
    /// <summary>In dependency order: each summary after the snapshot it is computed from.</summary>
    public static readonly IReadOnlyList<string> Snapshots =
    [
        "app.reporting_current_codings",
        "app.reporting_statement_themes",
        "app.reporting_formula_matches",
        "app.reporting_document_targets",
        "app.reporting_monthly_targets",
        "app.reporting_exchange_stance",
        "app.reporting_monthly_statements",
        "app.reporting_monthly_themes",
        "app.reporting_formula_usage",
    ];

    /// <summary>Refreshes every snapshot; returns how many rows each rewrote (deleted plus inserted) and how long it took.</summary>
    public async Task<IReadOnlyList<(string Snapshot, long RowsChanged, TimeSpan Elapsed)>> RefreshAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var timings = new List<(string, long, TimeSpan)>(Snapshots.Count);
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a caller's transaction, the snapshots switch when it commits.
            await RefreshAllAsync(timings, ct);
        }
        else
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                timings.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await RefreshAllAsync(timings, ct);
                await tx.CommitAsync(ct);
            });
        }
        log.LogInformation("Reporting snapshots refreshed in {Elapsed} ({Each})", Stopwatch.GetElapsedTime(started),
            string.Join(", ", timings.Select(t => $"{t.Item1}: {t.Item2} rows in {t.Item3.TotalMilliseconds:F0} ms")));
        return timings;
    }

    private async Task RefreshAllAsync(List<(string, long, TimeSpan)> timings, CancellationToken ct)
    {
        // The comparisons of old and new rows are costed far above jit_above_cost, so PostgreSQL would JIT-compile them
        // with inlining and optimisation: ~80 ms each for a one-off scan that gains nothing from it (measured on the
        // 5,000-document archive). Only for this transaction.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
        foreach (var snapshot in Snapshots)
        {
            var one = Stopwatch.GetTimestamp();
            var changed = await db.Database.SqlQuery<long>($"SELECT app.refresh_reporting_snapshot({snapshot}::regclass) AS \"Value\"").ToListAsync(ct);
            timings.Add((snapshot, changed.Single(), Stopwatch.GetElapsedTime(one)));
        }
    }
}
