using Diplotrack.Data;
using Diplotrack.Data.Stance;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Dashboard;

public sealed record ChangeEvidenceLink(long StatementId, long DocumentId, string Side, short Stance);

public sealed record SignificantChangeRow(
    long Id, string Speaker, string TargetId, string Target, string Theme, string Grain, string EventType,
    DateOnly Period, double? DeltaStance, double? QValue, IReadOnlyList<ChangeEvidenceLink> Evidence);

/// <summary>The dashboard's "latest significant stance changes": newest period first, with the statements behind each.</summary>
public static class SignificantChanges
{
    public static async Task<IReadOnlyList<SignificantChangeRow>> LatestAsync(DiplotrackDbContext db, int count, CancellationToken ct, bool english = false)
    {
        var changes = await db.StanceChanges.AsNoTracking().Where(c => c.Significant)
            .OrderByDescending(c => c.CurrentPeriodStart).ThenByDescending(c => c.ComputedAt).ThenByDescending(c => c.Id)
            .Take(count)
            .Join(db.Actors, c => c.TargetActorId, a => a.Id, (c, a) => new { Change = c, Target = english ? a.NameEn : a.NameZh })
            .ToListAsync(ct);
        // Evidence names statements; their documents make the links (a statement deleted since the run is left out).
        var statementIds = changes.SelectMany(c => c.Change.Evidence).Select(e => e.StatementId).Distinct().ToList();
        var documents = await db.Statements.AsNoTracking().Where(s => statementIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.DocumentId, ct);
        return changes
            .OrderByDescending(x => x.Change.CurrentPeriodStart).ThenByDescending(x => x.Change.ComputedAt).ThenByDescending(x => x.Change.Id)
            .Select(x =>
            {
                var c = x.Change;
                var evidence = c.Evidence.Where(e => documents.ContainsKey(e.StatementId))
                    .OrderBy(e => e.Side == StanceChangeEvidence.Current ? 0 : 1).ThenBy(e => e.Rank)
                    .Select(e => new ChangeEvidenceLink(e.StatementId, documents[e.StatementId], e.Side, e.Stance)).ToList();
                return new SignificantChangeRow(c.Id, c.SpeakerActorId, c.TargetActorId, x.Target, c.Theme, c.Grain, c.EventType,
                    c.CurrentPeriodStart, c.DeltaStance, c.QValue, evidence);
            }).ToList();
    }
}
