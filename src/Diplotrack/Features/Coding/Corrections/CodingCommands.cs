using System.Globalization;
using System.Text.Json;
using Diplotrack.Data;
using Diplotrack.Data.Auditing;
using Diplotrack.Data.Coding;
using Diplotrack.Features.Api;
using Diplotrack.Features.Stance;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Diplotrack.Features.Coding.Corrections;

public sealed record CorrectedCoding(long StatementId, long CodingId, uint Version, long? SupersededCodingId);

/// <summary>
/// A person's correction of a statement's coding (codebook §4: it wins over the automatic one, is audited, and
/// survives re-coding). The old coding is kept, marked superseded; the new one is manual and current.
/// </summary>
public sealed class CodingCommands(DiplotrackDbContext db, TimeProvider clock, StanceQueue stance)
{
    public const string EntityType = "statement";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CodingHistory?> HistoryAsync(long statementId, CancellationToken ct)
    {
        var statement = await db.Statements.AsNoTracking().Where(s => s.Id == statementId)
            .Select(s => new { s.Id, s.DocumentId, s.Text }).SingleOrDefaultAsync(ct);
        if (statement is null) return null;
        var codings = await db.StatementCodings.AsNoTracking().Include(c => c.Targets)
            .Where(c => c.StatementId == statementId).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).ToListAsync(ct);
        var names = await ActorNames.LoadAsync(db, codings, ct);
        var key = statementId.ToString(CultureInfo.InvariantCulture);
        var changes = await db.AuditLog.AsNoTracking().Where(a => a.EntityType == EntityType && a.EntityId == key)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AuditView(a.Id, a.At, a.UserName, a.Action, a.Before, a.After, a.Reason)).ToListAsync(ct);
        return new CodingHistory(statement.Id, statement.DocumentId, statement.Text, codings.Select(c => CodingView.From(c, names)).ToList(), changes);
    }

    public async Task<Outcome<CorrectedCoding>> CorrectAsync(CorrectCodingRequest request, string? user, CancellationToken ct)
    {
        var statement = await db.Statements.AsNoTracking().Where(s => s.Id == request.StatementId)
            .Select(s => new { s.Id, s.SpanStart, s.DocumentId, DocumentText = s.Document!.NormalisedText }).SingleOrDefaultAsync(ct);
        if (statement is null) return Outcome<CorrectedCoding>.NotFound($"There is no statement {request.StatementId}.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.StatementCodings.Include(c => c.Targets)
            .SingleOrDefaultAsync(c => c.StatementId == request.StatementId && c.IsCurrent, ct);
        if (current?.Id != request.CodingId || (current is not null && current.RowVersion != request.Version))
            return Outcome<CorrectedCoding>.Conflict(
                $"The coding of statement {request.StatementId} was changed by someone else after you opened it. Reload it and make your change again.");

        var codebook = current?.CodebookVersionId ?? await db.CodebookVersions.MaxAsync(v => (int?)v.Id, ct);
        if (codebook is null)
            return Outcome<CorrectedCoding>.Invalid(nameof(request.StatementId), "No codebook is loaded yet: run `diplotrack seed` first.");

        var now = clock.GetUtcNow();
        var names = await ActorNames.LoadAsync(db, current is null ? [] : [current], ct);
        string? before = null;
        if (current is not null)
        {
            before = JsonSerializer.Serialize(CodingView.From(current, names), Json);
            current.IsCurrent = false;
            current.SupersededAt = now;
            db.Entry(current).Property(c => c.RowVersion).OriginalValue = request.Version!.Value;
        }
        var coding = new StatementCoding
        {
            StatementId = request.StatementId,
            Origin = StatementCoding.Manual,
            CodebookVersionId = codebook.Value,
            Themes = request.Themes.ToList(),
            IsCurrent = true,
            CreatedAt = now,
            CreatedBy = user,
            Reason = request.Reason!.Trim(),
            Targets = request.Targets.Select(t => new CodingTarget
            {
                ActorId = t.ActorId!,
                Stance = (short)t.Stance,
                Source = t.Source ?? current?.Targets.FirstOrDefault(o => o.ActorId == t.ActorId)?.Source ?? "explicit",
                Confidence = 1,
                Phrase = string.IsNullOrWhiteSpace(t.Phrase) ? null : t.Phrase.Trim(),
                Evidence = t.Evidence.Count > 0
                    ? t.Evidence.Select(e => new EvidenceSpan { Start = e.Start, End = e.End, Role = e.Role ?? "cue", Term = statement.DocumentText[e.Start..e.End] }).ToList()
                    // Where the actor is named does not change with a person's judgement: keep those spans.
                    : current?.Targets.FirstOrDefault(o => o.ActorId == t.ActorId)?.Evidence
                          .Where(e => e.Role == "actor").Select(e => new EvidenceSpan { Start = e.Start, End = e.End, Role = e.Role, Term = e.Term }).ToList() ?? [],
            }).ToList(),
        };
        try
        {
            // Two steps: the unique "one current coding" index must see the old one retired before the new one arrives.
            await db.SaveChangesAsync(ct);
            db.StatementCodings.Add(coding);
            await db.SaveChangesAsync(ct);
            var after = JsonSerializer.Serialize(CodingView.From(coding, await ActorNames.LoadAsync(db, [coding], ct)), Json);
            db.AuditLog.Add(new AuditEntry
            {
                At = now, UserName = user, Action = "coding.correct", EntityType = EntityType,
                EntityId = request.StatementId.ToString(CultureInfo.InvariantCulture), Before = before, After = after, Reason = coding.Reason,
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            // Stance figures and the reporting snapshots follow a person's correction without waiting for the night.
            await stance.QueueAsync(statement.DocumentId, null, ct);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException
                                   || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return Outcome<CorrectedCoding>.Conflict(
                $"The coding of statement {request.StatementId} was changed by someone else at the same time. Reload it and make your change again.");
        }
        return Outcome<CorrectedCoding>.Ok(new CorrectedCoding(request.StatementId, coding.Id, coding.RowVersion, current?.Id));
    }
}
