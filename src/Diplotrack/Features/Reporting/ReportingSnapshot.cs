using Diplotrack.Data;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Reporting;

/// <summary>
/// Refreshes the snapshots behind <c>reporting.codings</c>, <c>statement_themes</c> and <c>formula_matches</c>
/// (<c>app.reporting_current_codings</c>, <c>reporting_statement_themes</c>, <c>reporting_formula_matches</c>,
/// Sql/reporting_views.sql). Pre-joining
/// them keeps whole-corpus aggregates under 100 ms; the jobs that change what
/// analysts should see (stance recompute, recode, <c>diplotrack recompute</c>) call this at their end.
/// CONCURRENTLY: analysts keep reading the old snapshot while the new one is built, never an empty or locked view.
/// </summary>
public sealed class ReportingSnapshot(DiplotrackDbContext db, ILogger<ReportingSnapshot> log)
{
    public async Task RefreshAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await db.Database.ExecuteSqlRawAsync("REFRESH MATERIALIZED VIEW CONCURRENTLY app.reporting_current_codings", ct);
        await db.Database.ExecuteSqlRawAsync("REFRESH MATERIALIZED VIEW CONCURRENTLY app.reporting_statement_themes", ct);
        await db.Database.ExecuteSqlRawAsync("REFRESH MATERIALIZED VIEW CONCURRENTLY app.reporting_formula_matches", ct);
        log.LogInformation("Reporting snapshots (current codings, statement themes, formula matches) refreshed in {Elapsed}",
            System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}
