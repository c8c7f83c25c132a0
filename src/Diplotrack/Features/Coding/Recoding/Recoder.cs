using Diplotrack.Data;
using Diplotrack.Data.Coding;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Database;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Coding.Recoding;

public sealed record RecodeReport(int CodebookVersion, int Documents, int Statements, int KeptManual);

/// <summary>
/// Re-codes every statement whose automatic coding came from an older codebook version (or that has none),
/// one transaction per document. Old codings are kept (superseded), and a manual coding stays current:
/// the new automatic coding is stored beside it for agreement statistics.
/// </summary>
public sealed class Recoder(DiplotrackDbContext db, CodebookService codebooks, TimeProvider clock)
{
    public async Task<RecodeReport> RecodeAsync(CancellationToken ct)
    {
        var version = await codebooks.CurrentVersionAsync(ct);
        var coder = await codebooks.CurrentCoderAsync(ct);
        // A statement is stale when no automatic coding of the current version exists for it.
        var documentIds = await db.Statements
            .Where(s => !db.StatementCodings.Any(c => c.StatementId == s.Id && c.Origin == StatementCoding.Auto && c.CodebookVersionId == version))
            .Select(s => s.DocumentId).Distinct().OrderBy(id => id).ToListAsync(ct);

        int statements = 0, keptManual = 0;
        foreach (var documentId in documentIds)
        {
            var parsed = await DocumentRows.LoadParsedAsync(db, documentId, ct);
            var coded = coder.Code(parsed);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ids = await db.Statements.Where(s => s.DocumentId == documentId).ToDictionaryAsync(s => s.Ordinal, s => s.Id, ct);
            var current = await db.StatementCodings.Where(c => c.Statement!.DocumentId == documentId && c.IsCurrent)
                .ToDictionaryAsync(c => c.StatementId, ct);
            var upToDate = (await db.StatementCodings
                .Where(c => c.Statement!.DocumentId == documentId && c.Origin == StatementCoding.Auto && c.CodebookVersionId == version)
                .Select(c => c.StatementId).ToListAsync(ct)).ToHashSet();
            var now = clock.GetUtcNow();
            var fresh = coded.Statements.Where(c => !upToDate.Contains(ids[c.StatementIndex])).ToList();
            // Supersede first, in its own round trip: the database allows one current coding per statement.
            foreach (var coding in fresh)
                if (current.TryGetValue(ids[coding.StatementIndex], out var old) && old.Origin != StatementCoding.Manual)
                {
                    old.IsCurrent = false;
                    old.SupersededAt = now;
                }
            await db.SaveChangesAsync(ct);
            foreach (var coding in fresh)
            {
                var statementId = ids[coding.StatementIndex];
                var manualWins = current.TryGetValue(statementId, out var old) && old.Origin == StatementCoding.Manual;
                var row = DocumentRows.ToAutoCoding(coding, version, now, isCurrent: !manualWins);
                row.StatementId = statementId;
                db.StatementCodings.Add(row);
                statements++;
                if (manualWins) keptManual++;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new RecodeReport(version, documentIds.Count, statements, keptManual);
    }
}
