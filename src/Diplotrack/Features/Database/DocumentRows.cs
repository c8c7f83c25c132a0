using System.Text.Json;
using Diplotrack.Data;
using Diplotrack.Data.Coding;
using Diplotrack.Data.Documents;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using StoredCoding = Diplotrack.Data.Coding.StatementCoding;

namespace Diplotrack.Features.Database;

/// <summary>
/// The one owner of how a parsed and coded document becomes rows and back: the EF Core path (DocumentStore, Recoder),
/// the COPY path (BatchWriter, BulkRecoder) and both read-backs build their rows and column lists here, so a new
/// column is added in one place. DocumentRowsTests checks these column lists against the EF Core model and the
/// reporting views.
/// </summary>
public static class DocumentRows
{
    /// <summary>Column lists of the COPY path, by table, in the order the writers below write them.</summary>
    public static readonly IReadOnlyDictionary<string, string> CopyColumns = new Dictionary<string, string>
    {
        ["documents"] = DocumentColumns,
        ["exchanges"] = "id, document_id, ordinal, section, outlet_id, answerer_id, span_start, span_end",
        ["statements"] = "id, document_id, exchange_id, ordinal, kind, speaker_id, span_start, span_end, text, section",
        ["highlight_sources"] = "highlight_id, source_statement_id",
        ["statement_codings"] = "id, statement_id, origin, codebook_version_id, model_version, themes, is_current, created_at, created_by",
        // coding_targets ids are left to the identity column: nothing references them within a batch.
        ["coding_targets"] = "statement_coding_id, actor_id, stance, source, confidence, phrase, evidence",
    };

    public const string DocumentColumns = "id, title, date, kind, place, occasion, language, source, format, sha256, normalised_text, ingested_at, ingested_by";

    /// <summary>The columns a read-back needs to rebuild a document's parsed form (all of documents but its bookkeeping).</summary>
    public const string DocumentContentColumns = "id, title, date, kind, place, occasion, language, source, format, sha256, normalised_text";

    /// <summary>The COPY statement for <paramref name="table"/>'s columns, into that table or a staging table shaped like it.</summary>
    public static string Copy(string table, string? into = null) => $"COPY {into ?? "app." + table} ({CopyColumns[table]}) FROM STDIN (FORMAT BINARY)";

    // ---- parsed -> rows -------------------------------------------------------------------------------------------

    public static Document NewDocument(ParsedDocument parsed, DateTimeOffset ingestedAt, string? user)
    {
        var meta = parsed.Metadata;
        return new Document
        {
            Title = meta.Title, Date = meta.Date, Kind = meta.Kind, Place = meta.Place, Occasion = meta.Occasion,
            Language = meta.Language, Source = meta.Source, Format = parsed.Format, Sha256 = parsed.Sha256,
            NormalisedText = parsed.NormalisedText, IngestedAt = ingestedAt, IngestedBy = user,
        };
    }

    /// <summary>A new parse of an existing document (a source page edited after publication): its content, not its ingestion.</summary>
    public static void SetContent(Document row, ParsedDocument parsed)
    {
        var fresh = NewDocument(parsed, row.IngestedAt, row.IngestedBy);
        (row.Title, row.Date, row.Kind, row.Place, row.Occasion, row.Language, row.Source, row.Format, row.Sha256, row.NormalisedText) =
            (fresh.Title, fresh.Date, fresh.Kind, fresh.Place, fresh.Occasion, fresh.Language, fresh.Source, fresh.Format, fresh.Sha256, fresh.NormalisedText);
    }

    /// <summary>A statement's own columns; the caller links its document, exchange and speaker.</summary>
    public static Statement NewStatement(ParsedStatement s) => new()
    {
        Ordinal = s.Index, Kind = s.Kind.ToId(), SpanStart = s.Start, SpanEnd = s.End, Text = s.Text, Section = s.Section,
    };

    /// <summary>The coder's coding of one statement as a stored automatic coding; the caller sets the statement.</summary>
    public static StoredCoding ToAutoCoding(Text.Coding.StatementCoding coding, CodedDocument coded, DateTimeOffset at, bool isCurrent,
        string? createdBy = "coder") => new()
    {
        Origin = StoredCoding.Auto,
        CodebookVersionId = coded.CodebookVersion,
        ModelVersion = coded.ModelVersion,
        Themes = coding.Themes.Take(3).ToList(),
        IsCurrent = isCurrent,
        CreatedAt = at,
        CreatedBy = createdBy,
        Targets = coding.Targets.Select(t => new CodingTarget
        {
            ActorId = t.Actor,
            Stance = (short)t.Stance,
            Source = t.Source,
            Confidence = Math.Clamp(t.Confidence, 0, 1),
            Phrase = t.Phrase,
            Evidence = t.Evidence.Select(e => new EvidenceSpan { Start = e.Start, End = e.End, Role = e.Role, Term = e.Term }).ToList(),
        }).ToList(),
    };

    // ---- rows -> COPY ---------------------------------------------------------------------------------------------

    public static async Task WriteDocumentAsync(NpgsqlBinaryImporter copy, long id, Document d, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        copy.Write(id, NpgsqlDbType.Bigint);
        copy.Write(d.Title, NpgsqlDbType.Varchar);
        copy.Write(d.Date, NpgsqlDbType.Date);
        copy.Write(d.Kind, NpgsqlDbType.Varchar);
        copy.WriteNullable(d.Place, NpgsqlDbType.Varchar);
        copy.WriteNullable(d.Occasion, NpgsqlDbType.Varchar);
        copy.Write(d.Language, NpgsqlDbType.Varchar);
        copy.Write(d.Source, NpgsqlDbType.Varchar);
        copy.Write(d.Format, NpgsqlDbType.Varchar);
        copy.Write(d.Sha256, NpgsqlDbType.Char);
        copy.Write(d.NormalisedText, NpgsqlDbType.Text);
        copy.Write(d.IngestedAt, NpgsqlDbType.TimestampTz);
        copy.WriteNullable(d.IngestedBy, NpgsqlDbType.Varchar);
    }

    public static async Task WriteStatementAsync(NpgsqlBinaryImporter copy, long id, long documentId, long? exchangeId, int? speakerId, Statement s, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        copy.Write(id, NpgsqlDbType.Bigint);
        copy.Write(documentId, NpgsqlDbType.Bigint);
        copy.WriteNullable(exchangeId, NpgsqlDbType.Bigint);
        copy.Write(s.Ordinal, NpgsqlDbType.Integer);
        copy.Write(s.Kind, NpgsqlDbType.Varchar);
        copy.WriteNullable(speakerId, NpgsqlDbType.Integer);
        copy.Write(s.SpanStart, NpgsqlDbType.Integer);
        copy.Write(s.SpanEnd, NpgsqlDbType.Integer);
        copy.Write(s.Text, NpgsqlDbType.Text);
        copy.WriteNullable(s.Section, NpgsqlDbType.Varchar);
    }

    public static async Task WriteCodingAsync(NpgsqlBinaryImporter copy, long id, long statementId, StoredCoding c, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        copy.Write(id, NpgsqlDbType.Bigint);
        copy.Write(statementId, NpgsqlDbType.Bigint);
        copy.Write(c.Origin, NpgsqlDbType.Varchar);
        copy.Write(c.CodebookVersionId, NpgsqlDbType.Integer);
        copy.WriteNullable(c.ModelVersion, NpgsqlDbType.Varchar);
        copy.Write(c.Themes, NpgsqlDbType.Array | NpgsqlDbType.Text);
        copy.Write(c.IsCurrent, NpgsqlDbType.Boolean);
        copy.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
        copy.WriteNullable(c.CreatedBy, NpgsqlDbType.Varchar);
    }

    private sealed record EvidenceJson(int Start, int End, string Role, string Term);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Rows of <c>app.coding_targets</c> for codings written in the same transaction.</summary>
    public static async Task CopyTargetsAsync(NpgsqlConnection connection, List<(long CodingId, CodingTarget Target)> targets, CancellationToken ct)
    {
        if (targets.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(Copy("coding_targets"), ct);
        foreach (var (codingId, t) in targets)
        {
            await copy.StartRowAsync(ct);
            copy.Write(codingId, NpgsqlDbType.Bigint);
            copy.Write(t.ActorId, NpgsqlDbType.Varchar);
            copy.Write(t.Stance, NpgsqlDbType.Smallint);
            copy.Write(t.Source, NpgsqlDbType.Varchar);
            copy.Write(t.Confidence, NpgsqlDbType.Double);
            copy.WriteNullable(t.Phrase, NpgsqlDbType.Varchar);
            // The same JSON shape EF Core writes for CodingTarget.Evidence (owned ToJson: start/end/role/term).
            copy.Write(JsonSerializer.Serialize(t.Evidence.Select(e => new EvidenceJson(e.Start, e.End, e.Role, e.Term)), Json), NpgsqlDbType.Jsonb);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>Takes <paramref name="count"/> values from a table's identity sequence (not necessarily contiguous).</summary>
    public static async Task<long[]> ReserveIdsAsync(NpgsqlConnection connection, string table, int count, CancellationToken ct)
    {
        if (count == 0) return [];
        await using var command = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence(@table, 'id')) FROM generate_series(1, @count)", connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("count", count);
        var ids = new long[count];
        var n = 0;
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) ids[n++] = rows.GetInt64(0);
        return ids;
    }

    // ---- rows -> parsed (read-backs, to code a stored document again without its source file) -------------------

    public static ParsedDocument ToParsed(Document d, IReadOnlyList<ParsedExchange> exchanges, IReadOnlyList<ParsedStatement> statements) => new()
    {
        Metadata = new DocumentMetadata
        {
            Title = d.Title, Date = d.Date, Kind = d.Kind, Place = d.Place, Occasion = d.Occasion,
            Language = d.Language, Source = d.Source,
        },
        NormalisedText = d.NormalisedText,
        Sha256 = d.Sha256.Trim(),
        Format = d.Format,
        Exchanges = exchanges,
        Statements = statements,
    };

    /// <summary>Reads a document row of <see cref="DocumentContentColumns"/> (the COPY read-back's scan).</summary>
    public static Document ReadDocument(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0), Title = r.GetString(1), Date = r.GetFieldValue<DateOnly>(2), Kind = r.GetString(3),
        Place = r.IsDBNull(4) ? null : r.GetString(4), Occasion = r.IsDBNull(5) ? null : r.GetString(5),
        Language = r.GetString(6), Source = r.GetString(7), Format = r.GetString(8), Sha256 = r.GetString(9),
        NormalisedText = r.GetString(10),
    };

    public static ParsedStatement ToParsed(Statement s, int? exchangeOrdinal, SpeakerRef? speaker, IReadOnlyList<int> repeats) => new()
    {
        Index = s.Ordinal,
        Kind = StatementKinds.Parse(s.Kind),
        Exchange = exchangeOrdinal,
        Speaker = speaker,
        Start = s.SpanStart, End = s.SpanEnd, Text = s.Text, Section = s.Section,
        Repeats = repeats,
    };

    /// <summary>The EF Core read-back of one document (the per-document re-code).</summary>
    public static async Task<ParsedDocument> LoadParsedAsync(DiplotrackDbContext db, long documentId, CancellationToken ct)
    {
        var d = await db.Documents.AsNoTracking().SingleAsync(x => x.Id == documentId, ct);
        var exchanges = await db.Exchanges.AsNoTracking().Where(e => e.DocumentId == documentId)
            .OrderBy(e => e.Ordinal)
            .Select(e => new { e.Id, e.Ordinal, e.Section, Outlet = e.Outlet!.Name, e.Answerer, e.SpanStart, e.SpanEnd })
            .ToListAsync(ct);
        var ordinalOf = exchanges.ToDictionary(e => e.Id, e => e.Ordinal);
        var statements = await db.Statements.AsNoTracking().Where(s => s.DocumentId == documentId)
            .OrderBy(s => s.Ordinal)
            .Select(s => new { Row = s, s.Speaker, Repeats = s.HighlightSources.Select(h => h.SourceStatement!.Ordinal).ToList() })
            .ToListAsync(ct);
        return ToParsed(d,
            exchanges.Select(e => new ParsedExchange
            {
                Index = e.Ordinal, Section = e.Section, Outlet = e.Outlet,
                Answerer = e.Answerer is null ? null : new SpeakerRef(e.Answerer.Name, e.Answerer.Role, e.Answerer.ActorId),
                Start = e.SpanStart, End = e.SpanEnd,
            }).ToList(),
            statements.Select(s => ToParsed(s.Row, s.Row.ExchangeId is { } id ? ordinalOf[id] : null,
                s.Speaker is null ? null : new SpeakerRef(s.Speaker.Name, s.Speaker.Role, s.Speaker.ActorId),
                s.Repeats.Order().ToList())).ToList());
    }
}
