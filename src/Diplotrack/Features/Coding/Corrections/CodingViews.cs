using Diplotrack.Data;
using Diplotrack.Data.Coding;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Coding.Corrections;

public sealed record EvidenceView(int Start, int End, string Role, string Term);

public sealed record TargetView(string ActorId, string ActorName, int Stance, string Source, double Confidence, string? Phrase,
    IReadOnlyList<EvidenceView> Evidence);

public sealed record CodingView(long Id, long StatementId, string Origin, bool IsCurrent, IReadOnlyList<string> Themes,
    IReadOnlyList<TargetView> Targets, int CodebookVersion, DateTimeOffset CreatedAt, string? CreatedBy, string? Reason,
    DateTimeOffset? SupersededAt, uint Version)
{
    public static CodingView From(StatementCoding c, IReadOnlyDictionary<string, string> actorNames) => new(
        c.Id, c.StatementId, c.Origin, c.IsCurrent, c.Themes,
        c.Targets.OrderBy(t => t.ActorId, StringComparer.Ordinal).Select(t => new TargetView(
            t.ActorId, actorNames.GetValueOrDefault(t.ActorId, t.ActorId), t.Stance, t.Source, t.Confidence, t.Phrase,
            t.Evidence.Select(e => new EvidenceView(e.Start, e.End, e.Role, e.Term)).ToList())).ToList(),
        c.CodebookVersionId, c.CreatedAt, c.CreatedBy, c.Reason, c.SupersededAt, c.RowVersion);
}

/// <summary>One audited change: who, when, what it was before and after, and why.</summary>
public sealed record AuditView(long Id, DateTimeOffset At, string? UserName, string Action, string? Before, string? After, string? Reason);

public sealed record CodingHistory(long StatementId, long DocumentId, string Text, IReadOnlyList<CodingView> Codings,
    IReadOnlyList<AuditView> Changes);

/// <summary>The actors' display names a set of codings needs (CodingView shows names, codings store ids).</summary>
public static class ActorNames
{
    public static async Task<Dictionary<string, string>> LoadAsync(DiplotrackDbContext db, IEnumerable<StatementCoding> codings, CancellationToken ct)
    {
        var ids = codings.SelectMany(c => c.Targets).Select(t => t.ActorId).Distinct().ToList();
        return await db.Actors.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.NameZh, ct);
    }
}
