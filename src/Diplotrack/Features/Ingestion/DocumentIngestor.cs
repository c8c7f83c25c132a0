using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Features.Ingestion;

public sealed record IngestOutcome(string Source, StoreResult? Stored, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>Reads, parses and stores one transcript file. Bad input becomes an error naming the file, never a half-written document.</summary>
public sealed class DocumentIngestor(TranscriptReader reader, DocumentStore store)
{
    public async Task<IngestOutcome> IngestAsync(SourceFile file, string? user, CancellationToken ct)
    {
        ParsedDocument parsed;
        try
        {
            parsed = reader.Read(file);
        }
        catch (DocumentRejectedException ex)
        {
            return new IngestOutcome(file.Name, null, ex.Reason);
        }
        return new IngestOutcome(file.Name, await store.SaveAsync(parsed, user, ct), null);
    }

    public Task<IngestOutcome> IngestFileAsync(string path, string? user, CancellationToken ct)
    {
        if (!File.Exists(path)) return Task.FromResult(new IngestOutcome(path, null, "file not found"));
        return IngestAsync(new SourceFile(Path.GetFileName(path), File.ReadAllBytes(path)), user, ct);
    }
}
