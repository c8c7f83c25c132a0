using Diplotrack.Data;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Dashboard;

public sealed record ChangeEvidenceLink(long StatementId, long DocumentId, string Side, short Stance);

public sealed record SignificantChangeRow(
    long Id, string Speaker, string TargetId, string Target, string Theme, string Grain, string EventType,
    DateOnly Period, double? DeltaStance, double? QValue, IReadOnlyList<ChangeEvidenceLink> Evidence);

/// <summary>The dashboard's "latest significant stance changes": newest period first, with the statements behind each.</summary>
public static class SignificantChanges
{
    public static async Task<IReadOnlyList<SignificantChangeRow>> LatestAsync(DiplotrackDbContext db, int count, CancellationToken ct)
    {
        var changes = await db.StanceChanges.AsNoTracking().Where(c => c.Significant)
            .OrderByDescending(c => c.CurrentPeriodStart).ThenByDescending(c => c.ComputedAt).ThenByDescending(c => c.Id)
            .Take(count)
            .Select(c => new
            {
                c.Id, Speaker = c.SpeakerActorId, c.TargetActorId, Target = c.TargetActor!.NameZh, c.Theme, c.Grain, c.EventType,
                c.CurrentPeriodStart, c.DeltaStance, c.QValue,
                Evidence = c.Evidence.OrderBy(e => e.Side == "current" ? 0 : 1).ThenBy(e => e.Rank)
                    .Select(e => new ChangeEvidenceLink(e.StatementId, e.Statement!.DocumentId, e.Side, e.Stance)).ToList(),
            })
            .ToListAsync(ct);
        return changes.Select(c => new SignificantChangeRow(c.Id, c.Speaker, c.TargetActorId, c.Target, c.Theme, c.Grain, c.EventType,
            c.CurrentPeriodStart, c.DeltaStance, c.QValue, c.Evidence)).ToList();
    }
}
