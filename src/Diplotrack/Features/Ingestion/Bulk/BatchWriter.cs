using System.Text.Json;
using Diplotrack.Data.Coding;
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
        var documentIds = await DocumentRows.ReserveIdsAsync(connection, "app.documents", batch.Count, ct);
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS bulk_documents (LIKE app.documents INCLUDING DEFAULTS) ON COMMIT DELETE ROWS", connection))
            await create.ExecuteNonQueryAsync(ct);
        await using (var copy = await connection.BeginBinaryImportAsync(DocumentRows.Copy("documents", into: "bulk_documents"), ct))
        {
            for (var i = 0; i < batch.Count; i++)
                await DocumentRows.WriteDocumentAsync(copy, documentIds[i], DocumentRows.NewDocument(batch[i].Parsed, now, options.User), ct);
            await copy.CompleteAsync(ct);
        }
        var inserted = new HashSet<long>();
        await using (var insert = new NpgsqlCommand(
            $"""
            INSERT INTO app.documents ({DocumentRows.DocumentColumns})
            OVERRIDING SYSTEM VALUE
            SELECT {DocumentRows.DocumentColumns}
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
        var exchangeIds = await DocumentRows.ReserveIdsAsync(connection, "app.exchanges", exchangeCount, ct);
        var statementIds = await DocumentRows.ReserveIdsAsync(connection, "app.statements", statementCount, ct);
        var codingIds = await DocumentRows.ReserveIdsAsync(connection, "app.statement_codings", codingCount, ct);

        // 2. Children straight into their tables: only documents that won the insert are written.
        var statementIdOf = new Dictionary<(int Doc, int Index), long>();
        var exchangeIdOf = new Dictionary<(int Doc, int Index), long>();
        int ne = 0, ns = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            DocumentRows.Copy("exchanges"), ct))
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
        await using (var copy = await connection.BeginBinaryImportAsync(DocumentRows.Copy("statements"), ct))
        {
            foreach (var i in stored)
            {
                foreach (var s in batch[i].Parsed.Statements)
                {
                    var id = statementIds[ns++];
                    statementIdOf[(i, s.Index)] = id;
                    await DocumentRows.WriteStatementAsync(copy, id, documentIds[i], s.Exchange is { } x ? exchangeIdOf[(i, x)] : null,
                        s.Speaker is null ? null : speakers[(s.Speaker.Name, s.Speaker.ActorId)], DocumentRows.NewStatement(s), ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            DocumentRows.Copy("highlight_sources"), ct))
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
        var targets = new List<(long CodingId, CodingTarget Target)>();
        await using (var copy = await connection.BeginBinaryImportAsync(DocumentRows.Copy("statement_codings"), ct))
        {
            foreach (var i in stored)
            {
                if (batch[i].Coded is not { } coded) continue;
                foreach (var c in coded.Statements)
                {
                    var id = codingIds[nc++];
                    // A new document has no other coding, so the automatic one is current.
                    var row = DocumentRows.ToAutoCoding(c, coded, now, isCurrent: true, createdBy: options.User);
                    await DocumentRows.WriteCodingAsync(copy, id, statementIdOf[(i, c.StatementIndex)], row, ct);
                    foreach (var t in row.Targets) targets.Add((id, t));
                }
            }
            await copy.CompleteAsync(ct);
        }
        await DocumentRows.CopyTargetsAsync(connection, targets, ct);
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

}
