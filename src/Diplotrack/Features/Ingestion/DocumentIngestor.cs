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

    public async Task<IngestOutcome> IngestFileAsync(string path, string? user, CancellationToken ct)
    {
        var file = new FileInfo(path);
        if (!file.Exists) return new IngestOutcome(path, null, "file not found");
        // Refuse an oversized file before reading it into memory; the reader words the same limit the same way.
        if (file.Length > reader.MaxBytes)
            return new IngestOutcome(path, null, $"too large: {file.Length} bytes, the limit is {reader.MaxBytes} bytes");
        return await IngestAsync(new SourceFile(file.Name, await File.ReadAllBytesAsync(path, ct)), user, ct);
    }
}
