using System.Text.Json;
using Diplotrack.Features.Database;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Npgsql;
using NpgsqlTypes;

namespace Diplotrack.Features.Ingestion.Bulk;

/// <summary>
/// Stores batches of parsed (and coded) documents with binary COPY, one transaction per batch.
/// Ids come from the tables' own identity sequences (<c>nextval</c>, reserved per batch), so rows written here and
/// rows written by EF Core never collide, and children can reference parents inside the same COPY stream.
/// </summary>
internal sealed class BatchWriter(NpgsqlDataSource dataSource, TimeProvider clock, BulkOptions options)
{
    private readonly Dictionary<string, int> _outlets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, string? Actor), int> _speakers = [];
    private readonly List<BulkFailure> _failures = [];
    private int _created;
    private long _exchanges, _statements, _codings, _targets;

    private int _present;

    private void Fail(string source, string error) => _failures.Add(new BulkFailure(source, error));

    /// <summary>The run's report: what every writer stored, plus what never reached a writer.</summary>
    public static BulkReport Combine(IReadOnlyList<BatchWriter> writers, List<BulkFailure> failures, int present, int files, TimeSpan elapsed) =>
        new(files, writers.Sum(w => w._created), present + writers.Sum(w => w._present),
            [.. failures, .. writers.SelectMany(w => w._failures)],
            writers.Sum(w => w._exchanges), writers.Sum(w => w._statements), writers.Sum(w => w._codings), writers.Sum(w => w._targets), elapsed)
        {
            Writing = TimeSpan.FromTicks(writers.Sum(w => w._writeTicks)),
        };

    private long _writeTicks;

    public async Task WriteAsync(IReadOnlyList<(string Source, ParsedDocument Parsed, CodedDocument? Coded)> batch, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            Count(await WriteBatchAsync(batch, ct));
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or KeyNotFoundException)
        {
            // The transaction rolled back as a whole. Retry one document per transaction so one bad document
            // costs only itself; if retrying is off, or a document fails alone, it is reported with the reason.
            if (!options.RetryFailedBatchPerDocument || batch.Count == 1)
            {
                foreach (var item in batch) Fail(item.Source, Describe(ex));
                return;
            }
            foreach (var item in batch)
            {
                try
                {
                    Count(await WriteBatchAsync([item], ct));
                }
                catch (Exception single) when (single is NpgsqlException or InvalidOperationException or KeyNotFoundException)
                {
                    Fail(item.Source, Describe(single));
                }
            }
        }
        finally
        {
            _writeTicks += System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks;
        }
    }

    private void Count(Written w)
    {
        _created += w.Documents;
        _present += w.Duplicates;
        _exchanges += w.Exchanges;
        _statements += w.Statements;
        _codings += w.Codings;
        _targets += w.Targets;
    }

    private static string Describe(Exception ex) => ex is PostgresException pg
        ? $"database refused the batch: {pg.MessageText}" + (pg.ConstraintName is { } c ? $" ({c})" : "")
        : "database write failed: " + ex.Message;

    private sealed record Written(int Documents, int Duplicates, long Exchanges, long Statements, long Codings, long Targets);

    private async Task<Written> WriteBatchAsync(IReadOnlyList<(string Source, ParsedDocument Parsed, CodedDocument? Coded)> batch, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();

        var outlets = await ResolveOutletsAsync(connection, batch, ct);
        var speakers = await ResolveSpeakersAsync(connection, batch, ct);

        // 1. Documents through a staging table: the unique sha256 index decides who wins a race with another loader.
        var documentIds = await ReserveAsync(connection, "app.documents", batch.Count, ct);
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS bulk_documents (LIKE app.documents INCLUDING DEFAULTS) ON COMMIT DELETE ROWS", connection))
            await create.ExecuteNonQueryAsync(ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY bulk_documents (id, title, date, kind, place, occasion, language, source, format, sha256, normalised_text, ingested_at, ingested_by) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var d = batch[i].Parsed;
                var m = d.Metadata;
                await copy.StartRowAsync(ct);
                copy.Write(documentIds[i], NpgsqlDbType.Bigint);
                copy.Write(m.Title, NpgsqlDbType.Varchar);
                copy.Write(m.Date, NpgsqlDbType.Date);
                copy.Write(m.Kind, NpgsqlDbType.Varchar);
                copy.WriteNullable(m.Place, NpgsqlDbType.Varchar);
                copy.WriteNullable(m.Occasion, NpgsqlDbType.Varchar);
                copy.Write(m.Language, NpgsqlDbType.Varchar);
                copy.Write(m.Source, NpgsqlDbType.Varchar);
                copy.Write(d.Format, NpgsqlDbType.Varchar);
                copy.Write(d.Sha256, NpgsqlDbType.Char);
                copy.Write(d.NormalisedText, NpgsqlDbType.Text);
                copy.Write(now, NpgsqlDbType.TimestampTz);
                copy.WriteNullable(options.User, NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync(ct);
        }
        var inserted = new HashSet<long>();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO app.documents (id, title, date, kind, place, occasion, language, source, format, sha256, normalised_text, ingested_at, ingested_by)
            OVERRIDING SYSTEM VALUE
            SELECT id, title, date, kind, place, occasion, language, source, format, sha256, normalised_text, ingested_at, ingested_by
            FROM bulk_documents
            ON CONFLICT (sha256) DO NOTHING
            RETURNING id
            """, connection))
        await using (var rows = await insert.ExecuteReaderAsync(ct))
            while (await rows.ReadAsync(ct)) inserted.Add(rows.GetInt64(0));

        var stored = Enumerable.Range(0, batch.Count).Where(i => inserted.Contains(documentIds[i])).ToList();
        var exchangeCount = stored.Sum(i => batch[i].Parsed.Exchanges.Count);
        var statementCount = stored.Sum(i => batch[i].Parsed.Statements.Count);
        var codingCount = stored.Sum(i => batch[i].Coded?.Statements.Count ?? 0);
        var targetCount = stored.Sum(i => batch[i].Coded?.Statements.Sum(s => s.Targets.Count) ?? 0);
        var exchangeIds = await ReserveAsync(connection, "app.exchanges", exchangeCount, ct);
        var statementIds = await ReserveAsync(connection, "app.statements", statementCount, ct);
        var codingIds = await ReserveAsync(connection, "app.statement_codings", codingCount, ct);

        // 2. Children straight into their tables: only documents that won the insert are written.
        var statementIdOf = new Dictionary<(int Doc, int Index), long>();
        var exchangeIdOf = new Dictionary<(int Doc, int Index), long>();
        int ne = 0, ns = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY app.exchanges (id, document_id, ordinal, section, outlet_id, answerer_id, span_start, span_end) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var i in stored)
            {
                foreach (var e in batch[i].Parsed.Exchanges)
                {
                    var id = exchangeIds[ne++];
                    exchangeIdOf[(i, e.Index)] = id;
                    await copy.StartRowAsync(ct);
                    copy.Write(id, NpgsqlDbType.Bigint);
                    copy.Write(documentIds[i], NpgsqlDbType.Bigint);
                    copy.Write(e.Index, NpgsqlDbType.Integer);
                    copy.WriteNullable(e.Section, NpgsqlDbType.Varchar);
                    copy.WriteNullable(e.Outlet is null ? null : (int?)outlets[e.Outlet], NpgsqlDbType.Integer);
                    copy.WriteNullable(e.Answerer is null ? null : (int?)speakers[(e.Answerer.Name, e.Answerer.ActorId)], NpgsqlDbType.Integer);
                    copy.Write(e.Start, NpgsqlDbType.Integer);
                    copy.Write(e.End, NpgsqlDbType.Integer);
                }
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY app.statements (id, document_id, exchange_id, ordinal, kind, speaker_id, span_start, span_end, text, section) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var i in stored)
            {
                foreach (var s in batch[i].Parsed.Statements)
                {
                    var id = statementIds[ns++];
                    statementIdOf[(i, s.Index)] = id;
                    await copy.StartRowAsync(ct);
                    copy.Write(id, NpgsqlDbType.Bigint);
                    copy.Write(documentIds[i], NpgsqlDbType.Bigint);
                    copy.WriteNullable(s.Exchange is { } x ? exchangeIdOf[(i, x)] : (long?)null, NpgsqlDbType.Bigint);
                    copy.Write(s.Index, NpgsqlDbType.Integer);
                    copy.Write(s.Kind.ToId(), NpgsqlDbType.Varchar);
                    copy.WriteNullable(s.Speaker is null ? null : (int?)speakers[(s.Speaker.Name, s.Speaker.ActorId)], NpgsqlDbType.Integer);
                    copy.Write(s.Start, NpgsqlDbType.Integer);
                    copy.Write(s.End, NpgsqlDbType.Integer);
                    copy.Write(s.Text, NpgsqlDbType.Text);
                    copy.WriteNullable(s.Section, NpgsqlDbType.Varchar);
                }
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY app.highlight_sources (highlight_id, source_statement_id) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var i in stored)
                foreach (var s in batch[i].Parsed.Statements)
                    foreach (var repeated in s.Repeats.Distinct())
                    {
                        await copy.StartRowAsync(ct);
                        copy.Write(statementIdOf[(i, s.Index)], NpgsqlDbType.Bigint);
                        copy.Write(statementIdOf[(i, repeated)], NpgsqlDbType.Bigint);
                    }
            await copy.CompleteAsync(ct);
        }
        if (codingCount > 0) await WriteCodingsAsync(connection, batch, stored, statementIdOf, codingIds, now, ct);

        await tx.CommitAsync(ct);
        // Reference rows are cached only once committed: a rolled-back batch must not leave ids of rows that vanished.
        foreach (var (k, v) in outlets) _outlets[k] = v;
        foreach (var (k, v) in speakers) _speakers[k] = v;
        return new Written(stored.Count, batch.Count - stored.Count, exchangeCount, statementCount, codingCount, targetCount);
    }

    private async Task WriteCodingsAsync(NpgsqlConnection connection,
        IReadOnlyList<(string Source, ParsedDocument Parsed, CodedDocument? Coded)> batch, List<int> stored,
        Dictionary<(int Doc, int Index), long> statementIdOf, long[] codingIds, DateTimeOffset now, CancellationToken ct)
    {
        var nc = 0;
        var targets = new List<(long CodingId, TargetCoding Target)>();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY app.statement_codings (id, statement_id, origin, codebook_version_id, themes, is_current, created_at, created_by) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var i in stored)
            {
                if (batch[i].Coded is not { } coded) continue;
                foreach (var c in coded.Statements)
                {
                    var id = codingIds[nc++];
                    await copy.StartRowAsync(ct);
                    copy.Write(id, NpgsqlDbType.Bigint);
                    copy.Write(statementIdOf[(i, c.StatementIndex)], NpgsqlDbType.Bigint);
                    copy.Write(Diplotrack.Data.Coding.StatementCoding.Auto, NpgsqlDbType.Varchar);
                    copy.Write(coded.CodebookVersion, NpgsqlDbType.Integer);
                    copy.Write(c.Themes as string[] ?? c.Themes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                    // A new document has no other coding, so the automatic one is current.
                    copy.Write(true, NpgsqlDbType.Boolean);
                    copy.Write(now, NpgsqlDbType.TimestampTz);
                    copy.WriteNullable(options.User, NpgsqlDbType.Varchar);
                    foreach (var t in c.Targets) targets.Add((id, t));
                }
            }
            await copy.CompleteAsync(ct);
        }
        await CodingRows.CopyTargetsAsync(connection, targets, ct);
    }

    private async Task<Dictionary<string, int>> ResolveOutletsAsync(NpgsqlConnection connection,
        IReadOnlyList<(string Source, ParsedDocument Parsed, CodedDocument? Coded)> batch, CancellationToken ct)
    {
        // Sorted, so that concurrent writers adding the same new names lock them in the same order (no deadlock).
        var names = batch.SelectMany(b => b.Parsed.Exchanges).Select(e => e.Outlet).OfType<string>().Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var n in names)
            if (_outlets.TryGetValue(n, out var id)) result[n] = id;
            else missing.Add(n);
        if (missing.Count == 0) return result;
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO app.outlets (name) SELECT unnest(@names) ON CONFLICT (name) DO NOTHING;
            SELECT id, name FROM app.outlets WHERE name = ANY(@names);
            """, connection);
        command.Parameters.AddWithValue("names", missing.ToArray());
        await using var rows = await command.ExecuteReaderAsync(ct);
        // Npgsql skips the INSERT's empty result: the reader starts on the SELECT.
        while (await rows.ReadAsync(ct)) result[rows.GetString(1)] = rows.GetInt32(0);
        return result;
    }

    private async Task<Dictionary<(string, string?), int>> ResolveSpeakersAsync(NpgsqlConnection connection,
        IReadOnlyList<(string Source, ParsedDocument Parsed, CodedDocument? Coded)> batch, CancellationToken ct)
    {
        var refs = batch.SelectMany(b => b.Parsed.Statements.Select(s => s.Speaker).Concat(b.Parsed.Exchanges.Select(e => e.Answerer)))
            .OfType<SpeakerRef>()
            .GroupBy(r => (r.Name, r.ActorId))
            .Select(g => g.Last())
            .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.ActorId, StringComparer.Ordinal) // same lock order in every writer
            .ToList();
        var result = new Dictionary<(string, string?), int>();
        var missing = new List<SpeakerRef>();
        foreach (var r in refs)
            if (_speakers.TryGetValue((r.Name, r.ActorId), out var id)) result[(r.Name, r.ActorId)] = id;
            else missing.Add(r);
        if (missing.Count == 0) return result;
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO app.speakers (name, role, actor_id)
            SELECT * FROM unnest(@names, @roles, @actors) ON CONFLICT (name, actor_id) DO NOTHING;
            SELECT id, name, actor_id FROM app.speakers s
            WHERE EXISTS (SELECT 1 FROM unnest(@names, @actors) AS m(name, actor_id)
                          WHERE m.name = s.name AND m.actor_id IS NOT DISTINCT FROM s.actor_id);
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = missing.Select(m => m.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("roles", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = missing.Select(m => m.Role).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("actors", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = missing.Select(m => m.ActorId).ToArray() });
        await using var rows = await command.ExecuteReaderAsync(ct);
        // Npgsql skips the INSERT's empty result: the reader starts on the SELECT.
        while (await rows.ReadAsync(ct)) result[(rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2))] = rows.GetInt32(0);
        return result;
    }

    /// <summary>Takes <paramref name="count"/> values from a table's identity sequence (not necessarily contiguous).</summary>
    internal static async Task<long[]> ReserveAsync(NpgsqlConnection connection, string table, int count, CancellationToken ct)
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
}

/// <summary>Rows of <c>app.coding_targets</c>, shared by bulk ingest and bulk re-coding.</summary>
internal static class CodingRows
{
    private sealed record EvidenceJson(int Start, int End, string Role, string Term);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task CopyTargetsAsync(NpgsqlConnection connection, List<(long CodingId, TargetCoding Target)> targets, CancellationToken ct)
    {
        if (targets.Count == 0) return;
        // coding_targets ids are left to the identity column: nothing references them within the batch.
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY app.coding_targets (statement_coding_id, actor_id, stance, source, confidence, phrase, evidence) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (codingId, t) in targets)
        {
            await copy.StartRowAsync(ct);
            copy.Write(codingId, NpgsqlDbType.Bigint);
            copy.Write(t.Actor, NpgsqlDbType.Varchar);
            copy.Write((short)t.Stance, NpgsqlDbType.Smallint);
            copy.Write(t.Source, NpgsqlDbType.Varchar);
            copy.Write(t.Confidence, NpgsqlDbType.Double);
            if (t.Phrase is null) copy.WriteNull();
            else copy.Write(t.Phrase, NpgsqlDbType.Varchar);
            // The same JSON shape EF Core writes for CodingTarget.Evidence (owned ToJson: start/end/role/term).
            copy.Write(JsonSerializer.Serialize(t.Evidence.Select(e => new EvidenceJson(e.Start, e.End, e.Role, e.Term)), Json), NpgsqlDbType.Jsonb);
        }
        await copy.CompleteAsync(ct);
    }
}
