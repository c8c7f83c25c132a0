using Diplotrack.Data;
using Diplotrack.Data.Documents;
using Diplotrack.Data.Reference;
using Diplotrack.Features.Codebook;
using Diplotrack.Features.Coding;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Diplotrack.Features.Ingestion;

public enum StoreOutcome { Created, AlreadyPresent }

public sealed record StoreResult(StoreOutcome Outcome, long DocumentId);

/// <summary>
/// Writes one parsed document with its exchanges, statements and highlight links in a single transaction
/// and its automatic codings under the current codebook (the single-document path used by the CLI, the inbox
/// and the admin UI; bulk loads use COPY instead). The same normalised text is stored once: a second copy
/// reports the existing document.
/// </summary>
public sealed class DocumentStore(DiplotrackDbContext db, CodebookService codebooks, TimeProvider clock)
{
    public async Task<StoreResult> SaveAsync(ParsedDocument parsed, string? user, CancellationToken ct)
    {
        var existing = await FindAsync(parsed.Sha256, ct);
        if (existing is not null) return new StoreResult(StoreOutcome.AlreadyPresent, existing.Value);
        var coded = (await codebooks.CurrentCoderAsync(ct)).Code(parsed);

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var document = await BuildAsync(parsed, coded, user, ct);
                db.Documents.Add(document);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new StoreResult(StoreOutcome.Created, document.Id);
            });
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_documents_sha256" })
        {
            // Another process stored the same content between our check and our insert.
            db.ChangeTracker.Clear();
            return new StoreResult(StoreOutcome.AlreadyPresent, (await FindAsync(parsed.Sha256, ct))!.Value);
        }
    }

    private async Task<long?> FindAsync(string sha256, CancellationToken ct) =>
        await db.Documents.Where(d => d.Sha256 == sha256).Select(d => (long?)d.Id).SingleOrDefaultAsync(ct);

    private async Task<Document> BuildAsync(ParsedDocument parsed, CodedDocument coded, string? user, CancellationToken ct)
    {
        var meta = parsed.Metadata;
        var document = new Document
        {
            Title = meta.Title,
            Date = meta.Date,
            Kind = meta.Kind,
            Place = meta.Place,
            Occasion = meta.Occasion,
            Language = meta.Language,
            Source = meta.Source,
            Format = parsed.Format,
            Sha256 = parsed.Sha256,
            NormalisedText = parsed.NormalisedText,
            IngestedAt = clock.GetUtcNow(),
            IngestedBy = user,
        };

        var exchanges = new Dictionary<int, Exchange>();
        foreach (var e in parsed.Exchanges)
        {
            var exchange = new Exchange
            {
                Ordinal = e.Index,
                Section = e.Section,
                Outlet = e.Outlet is null ? null : await OutletAsync(e.Outlet, ct),
                Answerer = e.Answerer is null ? null : await SpeakerAsync(e.Answerer, ct),
                SpanStart = e.Start,
                SpanEnd = e.End,
            };
            exchanges[e.Index] = exchange;
            document.Exchanges.Add(exchange);
        }

        var statements = new Dictionary<int, Statement>();
        foreach (var s in parsed.Statements)
        {
            var statement = new Statement
            {
                Ordinal = s.Index,
                Kind = s.Kind.ToId(),
                Exchange = s.Exchange is { } ex ? exchanges[ex] : null,
                Speaker = s.Speaker is null ? null : await SpeakerAsync(s.Speaker, ct),
                SpanStart = s.Start,
                SpanEnd = s.End,
                Text = s.Text,
                Section = s.Section,
            };
            statements[s.Index] = statement;
            document.Statements.Add(statement);
        }
        foreach (var s in parsed.Statements)
            foreach (var repeated in s.Repeats)
                statements[s.Index].HighlightSources.Add(new HighlightSource { SourceStatement = statements[repeated] });
        foreach (var coding in coded.Statements)
        {
            var row = CodingMapper.ToAutoCoding(coding, coded.CodebookVersion, document.IngestedAt, isCurrent: true);
            row.Statement = statements[coding.StatementIndex];
            db.StatementCodings.Add(row);
        }
        return document;
    }

    private readonly Dictionary<string, Outlet> _outlets = [];
    private readonly Dictionary<(string, string?), Speaker> _speakers = [];

    /// <summary>Outlets are reference data: an unknown one is added, with its country when the codebook knows it.</summary>
    private async Task<Outlet> OutletAsync(string name, CancellationToken ct)
    {
        if (_outlets.TryGetValue(name, out var cached)) return cached;
        var outlet = await db.Outlets.SingleOrDefaultAsync(o => o.Name == name, ct) ?? db.Outlets.Add(new Outlet { Name = name }).Entity;
        return _outlets[name] = outlet;
    }

    private async Task<Speaker> SpeakerAsync(SpeakerRef reference, CancellationToken ct)
    {
        var key = (reference.Name, reference.ActorId);
        if (_speakers.TryGetValue(key, out var cached)) return cached;
        var speaker = await db.Speakers.SingleOrDefaultAsync(s => s.Name == reference.Name && s.ActorId == reference.ActorId, ct);
        if (speaker is null)
        {
            speaker = db.Speakers.Add(new Speaker { Name = reference.Name, Role = reference.Role, ActorId = reference.ActorId }).Entity;
        }
        else if (reference.Role is not null && speaker.Role != reference.Role)
        {
            speaker.Role = reference.Role; // the latest title a person is introduced with
        }
        return _speakers[key] = speaker;
    }
}
