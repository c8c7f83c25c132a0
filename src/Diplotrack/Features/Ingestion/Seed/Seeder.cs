using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Stance;
using Diplotrack.Text.Codebook;
using Microsoft.Extensions.Options;

namespace Diplotrack.Features.Ingestion.Seed;

public sealed record SeedReport(CodebookLoadResult Codebook, int DocumentsAdded, int DocumentsPresent, IReadOnlyList<string> Errors);

/// <summary>
/// Loads <c>seed/</c>: the codebook's reference data, then the source documents. Idempotent: what is already
/// stored (same content hash) is left as it is, so running it again changes nothing.
/// </summary>
public sealed class Seeder(IOptions<SeedOptions> options, CodebookService codebooks, DocumentIngestor ingestor, FormulaLadder formulas,
    DerivedData derived, ILogger<Seeder> logger)
{
    public async Task<SeedReport> SeedAsync(CancellationToken ct)
    {
        var root = options.Value.ResolveDirectory();
        // Reference data first: documents point at actors, outlets and the codebook version that coded them.
        var codebook = await codebooks.StoreAsync(CodebookLoader.Load(Path.Combine(root, "codebook")), "seed", "seed/codebook", ct);
        await formulas.SyncAsync(ct);
        int added = 0, present = 0;
        var errors = new List<string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Path.Combine(root, "documents")).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path).StartsWith('.')) continue;
            var outcome = await ingestor.IngestFileAsync(path, "seed", ct);
            if (!outcome.Succeeded) errors.Add($"{Path.GetFileName(path)}: {outcome.Error}");
            else if (outcome.Stored!.Outcome == StoreOutcome.Created) added++;
            else present++;
        }
        logger.LogInformation("Seed from {Root}: {Added} documents added, {Present} already present", root, added, present);
        // The reporting views read snapshots (codings, themes, formula matches): show the seed and the ladder at once
        // rather than after the first stance job.
        await derived.RefreshSnapshotsAsync(ct);
        return new SeedReport(codebook, added, present, errors);
    }
}
