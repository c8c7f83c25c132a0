using Diplotrack.Data;
using Diplotrack.Data.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Coding.Codebooks;

/// <summary>
/// Mirrors the formula ladder of the current codebook version (<c>seed/codebook/ladder.csv</c>) into
/// <c>app.formulas</c>, which the <c>reporting.formula_*</c> views match against statements. Idempotent: an unchanged
/// ladder changes nothing; a formula removed from the codebook is removed here too, since the rows are derived.
/// </summary>
public sealed class FormulaLadder(DiplotrackDbContext db, CodebookService codebooks)
{
    public async Task<int> SyncAsync(CancellationToken ct)
    {
        var version = await codebooks.CurrentVersionAsync(ct);
        var codebook = await codebooks.VersionAsync(version, ct);
        var wanted = codebook.Ladder
            .GroupBy(f => f.Formula, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.Formulas.ToListAsync(ct);
        foreach (var formula in stored.Where(f => !wanted.ContainsKey(f.Text))) db.Formulas.Remove(formula);
        foreach (var (text, entry) in wanted)
        {
            var formula = stored.SingleOrDefault(f => f.Text == text) ?? db.Formulas.Add(new Formula { Text = text }).Entity;
            formula.Rank = entry.Rank;
            formula.Stance = (short)entry.Stance;
            formula.CodebookVersion = version;
        }
        var changed = await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return changed;
    }
}
