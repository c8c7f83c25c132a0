using System.Diagnostics;
using System.Threading.Channels;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Learning;
using Diplotrack.Data.Coding;
using Diplotrack.Data.Documents;
using Diplotrack.Features.Database;
using Npgsql;
using NpgsqlTypes;

namespace Diplotrack.Features.Coding.Recoding;

public sealed record BulkRecodeReport(int Documents, long Codings, long Targets, long KeptManual, TimeSpan Elapsed);

/// <summary>
/// Re-codes, at archive scale, every statement without an automatic coding of the coder's codebook version (the same
/// rule as <see cref="Recoder"/>, which does it per document through EF Core). Documents stream out of three ordered scans
/// (documents, exchanges, statements) merged by document id, are coded in parallel, and the new codings are
/// written by COPY in batches: in one transaction per batch the current automatic codings are marked superseded
/// and the new ones become current. A manual coding stays current (a person's judgement wins, codebook §4):
/// the new automatic coding is still recorded, as not current. Codings are append-only (decision 0006).
/// </summary>
public sealed class BulkRecoder(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private sealed record Stored(long Id, ParsedDocument Parsed, long[] StatementIds);

    public async Task<BulkRecodeReport> RecodeAsync(CombinedCoder coder, BulkOptions options, CancellationToken ct)
    {
        var version = coder.CodebookVersion;
        var model = coder.ModelVersion;
        var watch = Stopwatch.StartNew();
        var workers = Math.Max(1, options.Parallelism);
        var documents = Channel.CreateBounded<Stored>(new BoundedChannelOptions(workers * 4) { SingleWriter = true });
        var coded = Channel.CreateBounded<(Stored Doc, CodedDocument Coded)>(new BoundedChannelOptions(workers * 8) { SingleReader = true });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = cts.Token;

        var readTask = Task.Run(async () =>
        {
            try
            {
                await foreach (var doc in ReadStaleAsync(version, model, options.ReportTotal, token)) await documents.Writer.WriteAsync(doc, token);
            }
            finally
            {
                documents.Writer.Complete();
            }
        }, token);
        var workerTasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await foreach (var doc in documents.Reader.ReadAllAsync(token))
                await coded.Writer.WriteAsync((doc, coder.Code(doc.Parsed)), token);
        }, token)).ToArray();
        var completion = Task.WhenAll(workerTasks.Append(readTask)).ContinueWith(
            t => coded.Writer.Complete(t.Exception?.GetBaseException()), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        int docs = 0;
        long codings = 0, targets = 0, manual = 0;
        try
        {
            var batch = new List<(Stored Doc, CodedDocument Coded)>();
            var statements = 0;
            async Task FlushAsync()
            {
                var (c, t, m) = await WriteAsync(batch, version, model, options.User, token);
                docs += batch.Count;
                options.Progress?.Report(docs);
                codings += c;
                targets += t;
                manual += m;
                batch.Clear();
                statements = 0;
            }
            await foreach (var item in coded.Reader.ReadAllAsync(token))
            {
                batch.Add(item);
                statements += item.Coded.Statements.Count;
                if (batch.Count >= options.BatchDocuments || statements >= options.BatchStatements) await FlushAsync();
            }
            if (batch.Count > 0) await FlushAsync();
            await completion;
        }
        catch
        {
            await cts.CancelAsync();
            throw;
        }
        return new BulkRecodeReport(docs, codings, targets, manual, watch.Elapsed);
    }

    private async Task<(long Codings, long Targets, long Manual)> WriteAsync(
        List<(Stored Doc, CodedDocument Coded)> batch, int version, string? model, string? user, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var all = batch.SelectMany(b => b.Coded.Statements.Select(s => b.Doc.StatementIds[s.StatementIndex])).ToArray();

        // Statements that already have an automatic coding of this codebook and model are left alone (a re-run does nothing).
        var upToDate = new HashSet<long>();
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT c.statement_id FROM app.statement_codings c
            JOIN app.statements s ON s.id = c.statement_id JOIN app.documents d ON d.id = s.document_id
            WHERE c.statement_id = ANY(@ids) AND {UpToDate}
            """, connection))
        {
            command.Parameters.AddWithValue("ids", all);
            AddStamp(command, version, model);
            await using var rows = await command.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct)) upToDate.Add(rows.GetInt64(0));
        }
        batch = batch.Select(b => (b.Doc, b.Coded with
        {
            Statements = b.Coded.Statements.Where(s => !upToDate.Contains(b.Doc.StatementIds[s.StatementIndex])).ToList(),
        })).ToList();
        var statementIds = all.Where(id => !upToDate.Contains(id)).ToArray();

        // Retire the current automatic codings; learn which statements a person has coded (those keep theirs).
        var manual = new HashSet<long>();
        await using (var command = new NpgsqlCommand(
            """
            UPDATE app.statement_codings SET is_current = false, superseded_at = @now
            WHERE statement_id = ANY(@ids) AND is_current AND origin = 'auto';
            SELECT statement_id FROM app.statement_codings WHERE statement_id = ANY(@ids) AND is_current AND origin = 'manual';
            """, connection))
        {
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("ids", statementIds);
            await using var rows = await command.ExecuteReaderAsync(ct);
            // Npgsql skips the INSERT's empty result: the reader starts on the SELECT.
            while (await rows.ReadAsync(ct)) manual.Add(rows.GetInt64(0));
        }

        var ids = await DocumentRows.ReserveIdsAsync(connection, "app.statement_codings", statementIds.Length, ct);
        var targets = new List<(long, CodingTarget)>();
        var n = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(DocumentRows.Copy("statement_codings"), ct))
        {
            foreach (var (doc, coded) in batch)
            {
                foreach (var c in coded.Statements)
                {
                    var id = ids[n++];
                    var statementId = doc.StatementIds[c.StatementIndex];
                    var row = DocumentRows.ToAutoCoding(c, coded, now, isCurrent: !manual.Contains(statementId), createdBy: user);
                    await DocumentRows.WriteCodingAsync(copy, id, statementId, row, ct);
                    foreach (var t in row.Targets) targets.Add((id, t));
                }
            }
            await copy.CompleteAsync(ct);
        }
        await DocumentRows.CopyTargetsAsync(connection, targets, ct);
        await tx.CommitAsync(ct);
        return (statementIds.Length, targets.Count, manual.Count);
    }

    /// <summary>Rebuilds the parsed form of every document with a stale statement, in id order, from three streaming scans.</summary>
    /// <summary>
    /// An automatic coding (alias c) of a statement of document d made by the current coder: codebook @version and, where
    /// the model refines (<see cref="CombinedCoder.ModelLanguage"/>), model @model; a coding by an older model is stale.
    /// </summary>
    private const string UpToDate = $"""
        c.origin = 'auto' AND c.codebook_version_id = @version
        AND (d.language <> '{CombinedCoder.ModelLanguage}' OR c.model_version IS NOT DISTINCT FROM @model)
        """;

    /// <summary>A document with a statement that no up-to-date automatic coding covers.</summary>
    private const string StaleDocument = $"""
        EXISTS (SELECT 1 FROM app.statements s WHERE s.document_id = d.id AND NOT EXISTS (
            SELECT 1 FROM app.statement_codings c WHERE c.statement_id = s.id AND {UpToDate}))
        """;

    private static void AddStamp(NpgsqlCommand command, int version, string? model)
    {
        command.Parameters.AddWithValue("version", version);
        command.Parameters.Add(new NpgsqlParameter("model", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)model ?? DBNull.Value });
    }

    private async IAsyncEnumerable<Stored> ReadStaleAsync(int version, string? model, Action<long>? totalKnown,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var c1 = await dataSource.OpenConnectionAsync(ct);
        await using var c2 = await dataSource.OpenConnectionAsync(ct);
        await using var c3 = await dataSource.OpenConnectionAsync(ct);
        // One snapshot for the three scans, so a document being loaded meanwhile is seen by all or none.
        await using var t1 = await c1.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        string snapshot;
        await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", c1, t1))
            snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        await using var t2 = await c2.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var t3 = await c3.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        foreach (var (c, t) in new[] { (c2, t2), (c3, t3) })
        {
            await using var set = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshot}'", c, t);
            await set.ExecuteNonQueryAsync(ct);
        }

        if (totalKnown is not null)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM app.documents d WHERE {StaleDocument}", c1, t1);
            AddStamp(count, version, model);
            totalKnown((long)(await count.ExecuteScalarAsync(ct))!);
        }
        await using var docCommand = new NpgsqlCommand(
            $"""
            SELECT {DocumentRows.DocumentContentColumns} FROM app.documents d
            WHERE {StaleDocument}
            ORDER BY id
            """, c1, t1);
        AddStamp(docCommand, version, model);
        await using var exCommand = new NpgsqlCommand(
            """
            SELECT e.document_id, e.ordinal, e.section, o.name, s.name, s.role, s.actor_id, e.span_start, e.span_end
            FROM app.exchanges e LEFT JOIN app.outlets o ON o.id = e.outlet_id LEFT JOIN app.speakers s ON s.id = e.answerer_id
            ORDER BY e.document_id, e.ordinal
            """, c2, t2);
        await using var stCommand = new NpgsqlCommand(
            """
            SELECT st.document_id, st.id, st.ordinal, st.kind, x.ordinal, sp.name, sp.role, sp.actor_id, st.span_start, st.span_end, st.text, st.section,
                   ARRAY(SELECT r.ordinal FROM app.highlight_sources h JOIN app.statements r ON r.id = h.source_statement_id
                         WHERE h.highlight_id = st.id ORDER BY r.ordinal)
            FROM app.statements st LEFT JOIN app.exchanges x ON x.id = st.exchange_id LEFT JOIN app.speakers sp ON sp.id = st.speaker_id
            ORDER BY st.document_id, st.ordinal
            """, c3, t3);
        await using var docs = await docCommand.ExecuteReaderAsync(ct);
        await using var exs = await exCommand.ExecuteReaderAsync(ct);
        await using var sts = await stCommand.ExecuteReaderAsync(ct);
        var exPending = await exs.ReadAsync(ct);
        var stPending = await sts.ReadAsync(ct);
        while (await docs.ReadAsync(ct))
        {
            var id = docs.GetInt64(0);
            var exchanges = new List<ParsedExchange>();
            while (exPending && exs.GetInt64(0) < id) exPending = await exs.ReadAsync(ct);
            while (exPending && exs.GetInt64(0) == id)
            {
                exchanges.Add(new ParsedExchange
                {
                    Index = exs.GetInt32(1),
                    Section = Str(exs, 2),
                    Outlet = Str(exs, 3),
                    Answerer = Str(exs, 4) is { } name ? new SpeakerRef(name, Str(exs, 5), Str(exs, 6)) : null,
                    Start = exs.GetInt32(7),
                    End = exs.GetInt32(8),
                });
                exPending = await exs.ReadAsync(ct);
            }
            var statements = new List<ParsedStatement>();
            var statementIds = new List<long>();
            while (stPending && sts.GetInt64(0) < id) stPending = await sts.ReadAsync(ct);
            while (stPending && sts.GetInt64(0) == id)
            {
                statementIds.Add(sts.GetInt64(1));
                var row = new Statement
                {
                    Ordinal = sts.GetInt32(2), Kind = sts.GetString(3), SpanStart = sts.GetInt32(8), SpanEnd = sts.GetInt32(9),
                    Text = sts.GetString(10), Section = Str(sts, 11),
                };
                statements.Add(DocumentRows.ToParsed(row, sts.IsDBNull(4) ? null : sts.GetInt32(4),
                    Str(sts, 5) is { } name ? new SpeakerRef(name, Str(sts, 6), Str(sts, 7)) : null, sts.GetFieldValue<int[]>(12)));
                stPending = await sts.ReadAsync(ct);
            }
            var parsed = DocumentRows.ToParsed(DocumentRows.ReadDocument(docs), exchanges, statements);
            // Statement indexes are the ordinals 0..n-1; the coder's StatementIndex maps back through this array.
            var byOrdinal = new long[statements.Count == 0 ? 0 : statements.Max(s => s.Index) + 1];
            for (var i = 0; i < statements.Count; i++) byOrdinal[statements[i].Index] = statementIds[i];
            yield return new Stored(id, parsed, byOrdinal);
        }
    }

    private static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
