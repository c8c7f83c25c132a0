using Diplotrack.Data;
using Diplotrack.Data.Coding;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Database;
using Diplotrack.Text.Learning;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Coding.Recoding;

public sealed record RecodeReport(int CodebookVersion, string? ModelVersion, int Documents, int Statements, int KeptManual);

/// <summary>
/// Re-codes every statement whose automatic coding came from an older codebook version or an older learned model (or that has none),
/// one transaction per document. Old codings are kept (superseded), and a manual coding stays current:
/// the new automatic coding is stored beside it for agreement statistics.
/// </summary>
public sealed class Recoder(DiplotrackDbContext db, CodebookService codebooks, TimeProvider clock)
{
    /// <param name="progress">Documents done so far; <paramref name="reportTotal"/> learns how many are stale first.</param>
    public async Task<RecodeReport> RecodeAsync(CancellationToken ct, IProgress<long>? progress = null, Action<long>? reportTotal = null)
    {
        var version = await codebooks.CurrentVersionAsync(ct);
        var coder = await codebooks.CurrentCoderAsync(ct);
        var model = coder.ModelVersion;
        // A statement is stale when no automatic coding by the current coder exists for it: this codebook version and,
        // in the language the model refines, this model (a coding by an older model or by the rules alone is stale).
        var documentIds = await db.Statements
            .Where(s => !db.StatementCodings.Any(c => c.StatementId == s.Id && c.Origin == StatementCoding.Auto && c.CodebookVersionId == version
                && (s.Document!.Language != CombinedCoder.ModelLanguage || c.ModelVersion == model)))
            .Select(s => s.DocumentId).Distinct().OrderBy(id => id).ToListAsync(ct);
        reportTotal?.Invoke(documentIds.Count);

        int statements = 0, keptManual = 0, done = 0;
        foreach (var documentId in documentIds)
        {
            var parsed = await DocumentRows.LoadParsedAsync(db, documentId, ct);
            var coded = coder.Code(parsed);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ids = await db.Statements.Where(s => s.DocumentId == documentId).ToDictionaryAsync(s => s.Ordinal, s => s.Id, ct);
            var current = await db.StatementCodings.Where(c => c.Statement!.DocumentId == documentId && c.IsCurrent)
                .ToDictionaryAsync(c => c.StatementId, ct);
            var upToDate = (await db.StatementCodings
                .Where(c => c.Statement!.DocumentId == documentId && c.Origin == StatementCoding.Auto && c.CodebookVersionId == version
                    && (c.Statement.Document!.Language != CombinedCoder.ModelLanguage || c.ModelVersion == model))
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
                var row = DocumentRows.ToAutoCoding(coding, coded, now, isCurrent: !manualWins);
                row.StatementId = statementId;
                db.StatementCodings.Add(row);
                statements++;
                if (manualWins) keptManual++;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            progress?.Report(++done);
        }
        return new RecodeReport(version, model, documentIds.Count, statements, keptManual);
    }
}
