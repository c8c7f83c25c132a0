using System.Globalization;
using System.Text.Json;
using Diplotrack.Data;
using Diplotrack.Data.Auditing;
using Diplotrack.Data.Coding;
using Diplotrack.Data.Documents;
using Diplotrack.Data.Reference;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Database;
using Diplotrack.Features.Stance;
using Diplotrack.Text.Coding;
using StatementCoding = Diplotrack.Data.Coding.StatementCoding;
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
public sealed class DocumentStore(DiplotrackDbContext db, CodebookService codebooks, TimeProvider clock, StanceQueue stance, ILogger<DocumentStore> log)
{
    public async Task<StoreResult> SaveAsync(ParsedDocument parsed, string? user, CancellationToken ct)
    {
        var existing = await FindAsync(parsed.Sha256, ct);
        if (existing is not null) return AlreadyStored(parsed, existing.Value);
        var coded = (await codebooks.CurrentCoderAsync(ct)).Code(parsed);

        try
        {
            if (db.Database.CurrentTransaction is not null)
            {
                // The caller's transaction (inbox, crawler) keeps the document together with its own bookkeeping rows.
                return await LockedInsertAsync(parsed, coded, user, ct);
            }
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await LockedInsertAsync(parsed, coded, user, ct);
                await tx.CommitAsync(ct);
                return result;
            });
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_documents_sha256" })
        {
            // Another writer that does not take the content lock (the bulk COPY path) stored the same content between
            // our check and our insert. Inside a caller's transaction EF Core has rolled back to the savepoint it took
            // before SaveChanges, so the caller goes on.
            DetachAdded();
            return AlreadyStored(parsed, (await FindAsync(parsed.Sha256, ct))!.Value);
        }
    }

    /// <summary>
    /// Inserts under a transaction-scoped advisory lock on the content hash, checking again once it is held: copies of
    /// one content stored at the same time queue on the lock, and all but the first find the document instead of
    /// failing on the unique index. That failure was correct but EF Core logs every one as an error with its stack
    /// trace (hundreds when two folders hold the same files); a duplicate is an outcome (issue 17, item 10).
    /// </summary>
    private async Task<StoreResult> LockedInsertAsync(ParsedDocument parsed, CodedDocument coded, string? user, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ContentLockSpace}, hashtext({parsed.Sha256}))", ct);
        var existing = await FindAsync(parsed.Sha256, ct);
        if (existing is not null) return AlreadyStored(parsed, existing.Value);
        return new StoreResult(StoreOutcome.Created, await InsertAsync(parsed, coded, user, ct));
    }

    /// <summary>First key of the content lock (beside <see cref="ReferenceLockSpace"/>): apart from the other advisory locks.</summary>
    private const int ContentLockSpace = 0x4454_0002;

    private StoreResult AlreadyStored(ParsedDocument parsed, long documentId)
    {
        log.LogInformation("Content {Sha256} is already stored as document {DocumentId}", parsed.Sha256, documentId);
        return new StoreResult(StoreOutcome.AlreadyPresent, documentId);
    }

    /// <summary>
    /// Replaces the text, exchanges and statements of an existing document with a new parse of it (a source page
    /// edited after publication) and codes the new statements under the current codebook. The old statements go,
    /// with their codings; their text stays in <c>document_versions</c>. Runs in the caller's transaction when
    /// there is one, else in its own. <paramref name="user"/> is who or what brought the edit (the audit trail names it).
    /// </summary>
    public async Task ReplaceAsync(long documentId, ParsedDocument parsed, string user, CancellationToken ct)
    {
        var coded = (await codebooks.CurrentCoderAsync(ct)).Code(parsed);
        if (db.Database.CurrentTransaction is not null)
        {
            await ReplaceCoreAsync(documentId, parsed, coded, user, ct);
            return;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ReplaceCoreAsync(documentId, parsed, coded, user, ct);
            await tx.CommitAsync(ct);
        });
    }

    private async Task ReplaceCoreAsync(long documentId, ParsedDocument parsed, CodedDocument coded, string user, CancellationToken ct)
    {
        var document = await db.Documents.SingleAsync(d => d.Id == documentId, ct);
        var now = clock.GetUtcNow();
        var oldStatements = await db.Statements.AsNoTracking().Where(s => s.DocumentId == documentId).OrderBy(s => s.Ordinal)
            .Select(s => new { s.Id, s.Text, s.SpanStart }).ToListAsync(ct);
        var manual = await db.StatementCodings.AsNoTracking().Include(c => c.Targets)
            .Where(c => c.Statement!.DocumentId == documentId && c.IsCurrent && c.Origin == StatementCoding.Manual)
            .ToListAsync(ct);

        // Statements first: their highlight links and codings cascade; exchanges are then unreferenced.
        await db.Database.ExecuteSqlAsync($"DELETE FROM app.statements WHERE document_id = {documentId}", ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM app.exchanges WHERE document_id = {documentId}", ct);
        DocumentRows.SetContent(document, parsed);
        var (statements, autoCodings) = await AddUnitsAsync(document, parsed, coded, now, ct);

        // A person's coding wins over the coder (decision 0006) and must survive an edit of the page: a sentence
        // that reappears unchanged keeps it, its evidence moved with the sentence. Edited sentences are coded afresh.
        if (manual.Count > 0)
        {
            var newStatements = parsed.Statements.OrderBy(x => x.Index).ToList();
            var byStatement = manual.ToDictionary(c => c.StatementId);
            var carried = new HashSet<long>();
            foreach (var (o, n) in UnchangedUnits.Match(oldStatements.Select(x => x.Text).ToList(), newStatements.Select(x => x.Text).ToList()))
            {
                if (!byStatement.TryGetValue(oldStatements[o].Id, out var kept)) continue;
                carried.Add(kept.Id);
                var target = newStatements[n];
                var shift = target.Start - oldStatements[o].SpanStart;
                if (autoCodings.TryGetValue(target.Index, out var auto))
                {
                    auto.IsCurrent = false;
                    auto.SupersededAt = now;
                }
                db.StatementCodings.Add(new StatementCoding
                {
                    Statement = statements[target.Index],
                    Origin = StatementCoding.Manual,
                    CodebookVersionId = kept.CodebookVersionId,
                    Themes = kept.Themes.ToList(),
                    IsCurrent = true,
                    CreatedAt = kept.CreatedAt,
                    CreatedBy = kept.CreatedBy,
                    Reason = kept.Reason,
                    Targets = kept.Targets.Select(t => new CodingTarget
                    {
                        ActorId = t.ActorId, Stance = t.Stance, Source = t.Source, Confidence = t.Confidence, Phrase = t.Phrase,
                        Evidence = t.Evidence.Select(e => new EvidenceSpan { Start = e.Start + shift, End = e.End + shift, Role = e.Role, Term = e.Term }).ToList(),
                    }).ToList(),
                });
            }
            // The person's coding of an edited sentence no longer applies; keep what it said, and why it went.
            foreach (var dropped in manual.Where(c => !carried.Contains(c.Id)))
                db.AuditLog.Add(new AuditEntry
                {
                    At = now, UserName = user, Action = "coding.dropped", EntityType = "statement_coding", EntityId = dropped.Id.ToString(CultureInfo.InvariantCulture),
                    Before = JsonSerializer.Serialize(new
                    {
                        documentId, statement = oldStatements.Single(x => x.Id == dropped.StatementId).Text, dropped.Themes, dropped.CreatedBy, dropped.Reason,
                        targets = dropped.Targets.Select(t => new { t.ActorId, t.Stance, t.Source, t.Phrase }),
                    }),
                    Reason = "the source page was edited and this sentence changed; the new sentence was coded by the coder",
                });
        }
        await db.SaveChangesAsync(ct);
        await stance.QueueAsync(documentId, StanceQueue.IngestionDelay, ct);
    }

    private async Task<long> InsertAsync(ParsedDocument parsed, CodedDocument coded, string? user, CancellationToken ct)
    {
        var document = await BuildAsync(parsed, coded, user, ct);
        db.Documents.Add(document);
        await db.SaveChangesAsync(ct);
        // Every stored document queues its stance recompute in its own transaction (CLI, inbox, crawler, admin UI, seed);
        // the drain runs after the commit. Bulk loads recompute everything when they end instead.
        await stance.QueueAsync(document.Id, StanceQueue.IngestionDelay, ct);
        return document.Id;
    }

    /// <summary>Forgets the rows of a failed insert without dropping what a caller has tracked.</summary>
    private void DetachAdded()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            entry.State = EntityState.Detached;
        _outlets.Clear();
        _speakers.Clear();
    }

    private async Task<long?> FindAsync(string sha256, CancellationToken ct) =>
        await db.Documents.Where(d => d.Sha256 == sha256).Select(d => (long?)d.Id).SingleOrDefaultAsync(ct);

    private async Task<Document> BuildAsync(ParsedDocument parsed, CodedDocument coded, string? user, CancellationToken ct)
    {
        var document = DocumentRows.NewDocument(parsed, clock.GetUtcNow(), user);
        await AddUnitsAsync(document, parsed, coded, document.IngestedAt, ct);
        return document;
    }

    /// <summary>Adds the exchanges, statements, highlight links and automatic codings; returns the statements and codings by statement index.</summary>
    private async Task<(Dictionary<int, Statement> Statements, Dictionary<int, StatementCoding> Codings)> AddUnitsAsync(
        Document document, ParsedDocument parsed, CodedDocument coded, DateTimeOffset codedAt, CancellationToken ct)
    {
        await LockReferenceNamesAsync(parsed, ct);
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
            var statement = DocumentRows.NewStatement(s);
            statement.Exchange = s.Exchange is { } ex ? exchanges[ex] : null;
            statement.Speaker = s.Speaker is null ? null : await SpeakerAsync(s.Speaker, ct);
            statements[s.Index] = statement;
            document.Statements.Add(statement);
        }
        foreach (var s in parsed.Statements)
            foreach (var repeated in s.Repeats)
                statements[s.Index].HighlightSources.Add(new HighlightSource { SourceStatement = statements[repeated] });
        var codings = new Dictionary<int, StatementCoding>();
        foreach (var coding in coded.Statements)
        {
            var row = DocumentRows.ToAutoCoding(coding, coded, codedAt, isCurrent: true);
            row.Statement = statements[coding.StatementIndex];
            db.StatementCodings.Add(row);
            codings[coding.StatementIndex] = row;
        }
        return (statements, codings);
    }

    /// <summary>Advisory-lock namespace of the reference rows a document adds (first key of the two-key lock).</summary>
    private const int ReferenceLockSpace = 0x4454_0001;

    /// <summary>
    /// Concurrent ingestions (two inbox workers, the crawler) may both add the same new outlet or speaker, and the
    /// second insert would violate the unique index. A transaction-scoped advisory lock per name, taken in sorted
    /// order (so two documents cannot deadlock), makes the second wait for the first's commit and then find its row.
    /// </summary>
    private async Task LockReferenceNamesAsync(ParsedDocument parsed, CancellationToken ct)
    {
        var keys = parsed.Exchanges.Select(e => e.Outlet).OfType<string>().Select(o => "outlet:" + o)
            .Concat(parsed.Exchanges.Select(e => e.Answerer).Concat(parsed.Statements.Select(s => s.Speaker))
                .OfType<SpeakerRef>().Select(r => $"speaker:{r.Name}|{r.ActorId}"))
            .Distinct().Order(StringComparer.Ordinal);
        foreach (var key in keys)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ReferenceLockSpace}, hashtext({key}))", ct);
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
