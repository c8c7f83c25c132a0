using System.Text;
using System.Text.Json;
using Diplotrack.Data;
using Diplotrack.Data.Auditing;
using Diplotrack.Data.Documents;
using Diplotrack.Features.Api;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Coding;
using Diplotrack.Features.Coding.Recoding;
using Diplotrack.Features.Database;
using Diplotrack.Features.Coding.Corrections;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Stance;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Documents;

/// <summary><paramref name="Coding"/>: what the current codebook's coder would store (null when no codebook is loaded).</summary>
public sealed record PreviewStatement(int Index, string Kind, string? Speaker, int? Exchange, string? Section, int Start, int End, string Text,
    CodingView? Coding);

public sealed record PreviewRepair(string Kind, int Position, string Before, string After);

/// <summary>What saving would store: the parse, shown to a person before anything is written.</summary>
public sealed record DocumentPreview(string Title, DateOnly Date, string Kind, string? Place, string? Occasion, string Language,
    string Source, string Format, string Sha256, long? AlreadyStoredAs, int Exchanges, IReadOnlyList<PreviewStatement> Statements,
    IReadOnlyList<PreviewRepair> Repairs, int? CodebookVersion);

public sealed record CreatedDocument(long Id, bool Created);

public sealed record UpdatedDocument(long Id, uint Version);

public sealed record DeletedDocument(long Id);

/// <summary>Writes to documents: create (through the transcript reader and the document store), edit metadata, delete.</summary>
public sealed class DocumentCommands(DiplotrackDbContext db, TranscriptReader reader, DocumentStore store, CodebookService codebooks,
    TimeProvider clock, StanceQueue stance, Web.DisplayLanguage language)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Outcome<DocumentPreview>> PreviewAsync(CreateDocumentRequest request, CancellationToken ct)
    {
        var parsed = Parse(request);
        if (parsed.Status != OutcomeStatus.Ok) return new Outcome<DocumentPreview>(parsed.Status, Message: parsed.Message, Field: parsed.Field);
        var p = parsed.Value!;
        var existing = await db.Documents.Where(d => d.Sha256 == p.Sha256).Select(d => (long?)d.Id).SingleOrDefaultAsync(ct);
        var m = p.Metadata;
        var (codebook, codings) = await CodeAsync(p, ct);
        return Outcome<DocumentPreview>.Ok(new DocumentPreview(m.Title, m.Date, m.Kind, m.Place, m.Occasion, m.Language, m.Source,
            p.Format, p.Sha256, existing, p.Exchanges.Count,
            p.Statements.Select(s => new PreviewStatement(s.Index, s.Kind.ToId(), s.Speaker?.Name, s.Exchange, s.Section, s.Start, s.End, s.Text,
                codings.GetValueOrDefault(s.Index))).ToList(),
            p.Repairs.Select(r => new PreviewRepair(r.Kind, r.Position, r.Before, r.After)).ToList(), codebook));
    }

    /// <summary>The codings saving would store, by statement index; none before a codebook is loaded.</summary>
    private async Task<(int? Version, Dictionary<int, CodingView> Codings)> CodeAsync(ParsedDocument parsed, CancellationToken ct)
    {
        if (!await db.CodebookVersions.AnyAsync(ct)) return (null, []);
        var coded = (await codebooks.CurrentCoderAsync(ct)).Code(parsed);
        var rows = coded.Statements.Select(c => (c.StatementIndex, Row: DocumentRows.ToAutoCoding(c, coded, clock.GetUtcNow(), isCurrent: true))).ToList();
        var names = await ActorNames.LoadAsync(db, rows.Select(r => r.Row), ct, language.IsEnglish);
        return (coded.CodebookVersion, rows.ToDictionary(r => r.StatementIndex, r => CodingView.From(r.Row, names)));
    }

    public async Task<Outcome<CreatedDocument>> CreateAsync(CreateDocumentRequest request, string? user, CancellationToken ct)
    {
        var parsed = Parse(request);
        if (parsed.Status != OutcomeStatus.Ok) return new Outcome<CreatedDocument>(parsed.Status, Message: parsed.Message, Field: parsed.Field);
        if (!await db.CodebookVersions.AnyAsync(ct))
            return Outcome<CreatedDocument>.Invalid(nameof(request.Text), "No codebook is loaded yet: run `diplotrack seed` before adding documents.");
        // The store writes the document in one transaction and records who ingested it and when.
        var stored = await store.SaveAsync(parsed.Value!, user, ct);
        return Outcome<CreatedDocument>.Ok(new CreatedDocument(stored.DocumentId, stored.Outcome == StoreOutcome.Created));
    }

    public async Task<Outcome<UpdatedDocument>> UpdateAsync(long id, UpdateDocumentRequest request, string? user, CancellationToken ct)
    {
        var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null) return Outcome<UpdatedDocument>.NotFound($"There is no document {id}.");
        if (document.RowVersion != request.Version) return Outcome<UpdatedDocument>.Conflict(Stale("document", id));
        var before = Snapshot(document);
        var (dateBefore, kindBefore) = (document.Date, document.Kind);
        document.Title = request.Title!.Trim();
        document.Date = request.Date!.Value;
        document.Kind = request.Kind!.Trim();
        document.Place = Blank(request.Place);
        document.Occasion = Blank(request.Occasion);
        document.Language = request.Language!.Trim();
        document.Source = request.Source!.Trim();
        var after = Snapshot(document);
        if (before == after) return Outcome<UpdatedDocument>.Ok(new UpdatedDocument(id, document.RowVersion));
        // The database checks the version again (xmin): an edit that raced ours between the read and the write loses.
        db.Entry(document).Property(d => d.RowVersion).OriginalValue = request.Version;
        db.AuditLog.Add(Audit("document.update", id, user, before, after, null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<UpdatedDocument>.Conflict(Stale("document", id));
        }
        // The date and the kind place the document's statements in periods and venues: its stance rows move with them.
        if (document.Date != dateBefore || document.Kind != kindBefore) await stance.QueueAsync(id, null, ct);
        return Outcome<UpdatedDocument>.Ok(new UpdatedDocument(id, document.RowVersion));
    }

    public async Task<Outcome<DeletedDocument>> DeleteAsync(long id, DeleteDocumentRequest request, string? user, CancellationToken ct)
    {
        var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null) return Outcome<DeletedDocument>.NotFound($"There is no document {id}.");
        if (document.RowVersion != request.Version) return Outcome<DeletedDocument>.Conflict(Stale("document", id));
        var statements = await db.Statements.CountAsync(s => s.DocumentId == id, ct);
        var before = JsonSerializer.Serialize(new { Metadata = JsonDocument.Parse(Snapshot(document)).RootElement, document.Sha256, Statements = statements }, Json);
        db.Entry(document).Property(d => d.RowVersion).OriginalValue = request.Version;
        db.Documents.Remove(document); // exchanges, statements and codings go with it (ON DELETE CASCADE)
        db.AuditLog.Add(Audit("document.delete", id, user, before, null, request.Reason!.Trim()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<DeletedDocument>.Conflict(Stale("document", id));
        }
        // Its stance rows are derived (no foreign key to the document): the recompute removes them and re-derives the
        // periods and changes around it.
        await stance.QueueAsync(id, null, ct);
        return Outcome<DeletedDocument>.Ok(new DeletedDocument(id));
    }

    public static string Stale(string what, long id) =>
        $"The {what} {id} was changed by someone else after you opened it. Reload it and make your change again.";

    private Outcome<ParsedDocument> Parse(CreateDocumentRequest request)
    {
        var content = string.IsNullOrEmpty(request.ContentBase64)
            ? Encoding.UTF8.GetBytes(request.Text ?? "")
            : Convert.FromBase64String(request.ContentBase64);
        var name = string.IsNullOrWhiteSpace(request.FileName) ? "pasted.txt" : Path.GetFileName(request.FileName.Trim());
        var overrides = new DocumentMetadataOverrides
        {
            Title = Blank(request.Title), Date = request.Date, Kind = Blank(request.Kind), Place = Blank(request.Place),
            Occasion = Blank(request.Occasion), Language = Blank(request.Language), Source = Blank(request.Source),
            Government = Blank(request.Government),
        };
        try
        {
            return Outcome<ParsedDocument>.Ok(reader.Read(new SourceFile(name, content, overrides)));
        }
        catch (DocumentRejectedException ex)
        {
            // The field the person can fix: the text they pasted or the file they chose.
            return Outcome<ParsedDocument>.Invalid(string.IsNullOrEmpty(request.ContentBase64) ? nameof(request.Text) : nameof(request.ContentBase64),
                $"The transcript was not accepted: {ex.Reason}");
        }
    }

    private AuditEntry Audit(string action, long id, string? user, string? before, string? after, string? reason) => new()
    {
        At = clock.GetUtcNow(), UserName = user, Action = action, EntityType = "document", EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Before = before, After = after, Reason = reason,
    };

    private static string Snapshot(Document d) =>
        JsonSerializer.Serialize(new { d.Title, d.Date, d.Kind, d.Place, d.Occasion, d.Language, d.Source }, Json);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
