using Diplotrack.Data;
using Diplotrack.Data.Reporting;
using Diplotrack.Text.Codebook;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Reporting;

/// <summary>
/// Mirrors the codebook's formula ladder (<c>codebook/ladder.csv</c>) into <c>app.formulas</c>, which the
/// <c>reporting.formula_*</c> views match against statements. Idempotent: an unchanged ladder changes nothing; a
/// formula removed from the codebook is removed here too, since the rows are derived, never edited.
/// </summary>
public sealed class FormulaLadder(DiplotrackDbContext db)
{
    public async Task<int> SyncAsync(string seedDirectory, CancellationToken ct)
    {
        var codebook = CodebookLoader.Load(Path.Combine(seedDirectory, "codebook"));
        var wanted = codebook.Ladder
            .GroupBy(f => f.Formula, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToDictionary(f => f.Formula, StringComparer.Ordinal);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.Formulas.ToListAsync(ct);
        foreach (var formula in stored.Where(f => !wanted.ContainsKey(f.Text))) db.Formulas.Remove(formula);
        foreach (var (text, entry) in wanted)
        {
            var formula = stored.SingleOrDefault(f => f.Text == text) ?? db.Formulas.Add(new Formula { Text = text }).Entity;
            formula.Rank = entry.Rank;
            formula.Stance = (short)entry.Stance;
            formula.CodebookVersion = codebook.Version;
        }
        var changed = await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return changed;
    }
}
