using Diplotrack.Text.Stance;
using System.Data.Common;
using System.Globalization;
using Diplotrack.Data;
using Diplotrack.Features.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Diplotrack.Features.Stance;

/// <summary>
/// Recomputes stance observations and changes (codebook §5, docs/stance.md) from the current codings. Both entry points
/// run in one transaction: either every derived row of the scope is replaced or none is, so a failed or cancelled run
/// leaves the previous rows intact and a retry is safe. Rows whose content is unchanged are left untouched, so a re-run
/// with the same input changes nothing. Scoped: one instance per job run, on the run's <see cref="DiplotrackDbContext"/>.
/// </summary>
public sealed class StanceJobs(DiplotrackDbContext db, ILogger<StanceJobs> log)
{
    /// <summary>False discovery rate at which a change is called significant (Benjamini–Hochberg).</summary>
    public const double FalseDiscoveryRate = 0.05;

    private const int CommandTimeoutSeconds = 1800;

    /// <summary>Rows written by a run above which it refreshes the tables' planner statistics.</summary>
    private const int AnalyseAfterRows = 10_000;

    /// <summary>Nightly: every speaker and venue.</summary>
    public Task RecomputeAllAsync(CancellationToken cancellationToken) =>
        RunAsync(StanceSql.ScopeAll, null, cancellationToken);

    /// <summary>After ingestion or re-coding: every key of the speakers and venues the documents touch.</summary>
    public Task RecomputeForDocumentsAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        return documentIds.Count == 0
            ? Task.CompletedTask
            : RunAsync(StanceSql.ScopeDocuments, documentIds.Distinct().Order().ToArray(), cancellationToken);
    }

    private async Task RunAsync(string scopeSql, long[]? documentIds, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var transaction = (NpgsqlTransaction)tx.GetDbTransaction();

            // Step times go to the log: the recompute is a batch job whose cost is watched (docs/stance.md, Performance).
            var timings = new List<string>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            async Task<T> Step<T>(string name, Func<Task<T>> step)
            {
                var started = clock.Elapsed;
                var result = await step();
                timings.Add($"{name} {(clock.Elapsed - started).TotalSeconds:0.00}s");
                return result;
            }

            await ExecuteAsync(connection, transaction, StanceSql.Lock, ct);
            await ExecuteAsync(connection, transaction, StanceSql.WorkMemory, ct);
            await ExecuteAsync(connection, transaction, StanceSql.CreateScope, ct);
            await Step("scope", async () => await ExecuteAsync(connection, transaction, scopeSql, ct,
                documentIds is null ? [] : [new NpgsqlParameter<long[]>("documents", documentIds)]));
            await ExecuteAsync(connection, transaction, "ANALYZE stance_scope", ct);
            // The transaction's own timestamp, as now() would give: every row written by this run shares it.
            var computedAt = await ScalarAsync<DateTime>(connection, transaction, "SELECT now()", ct);

            var statements = await Step("read", () => ReadStatementsAsync(connection, transaction, ct));
            var observed = await Step("observe", () => Task.FromResult(StanceCalculator.Observe(statements)));
            statements.Clear();

            // The changes are computed on another core while this connection writes the observations.
            var computing = Task.Run(() => observed.Changes(FalseDiscoveryRate), ct);
            // Should this write fail, the computation is simply left to finish; nothing reads its result.
            var observations = await Step("write-observations", () => ReplaceAsync(connection, transaction, StanceSql.ExistingObservations,
                StanceSql.DeleteObservations, StanceSql.CopyObservations, observed.Rows, o => o.ContentHash,
                (copy, o) => WriteObservation(copy, o, computedAt), ct));
            var (computed, tested) = await Step("changes", () => computing);
            var changes = await Step("write-changes", () => ReplaceAsync(connection, transaction, StanceSql.ExistingChanges,
                StanceSql.DeleteChanges, StanceSql.CopyChanges, computed, c => c.ContentHash,
                (copy, c) => WriteChange(copy, c, computedAt), ct));
            await Step("commit", async () => { await tx.CommitAsync(ct); return 0; });
            // After a large rewrite the planner's statistics are those of the old rows (or none, on a first run) until
            // autovacuum gets to the tables: the reports on changes then pick plans a hundred times slower (measured).
            if (observations.Inserted + observations.Deleted + changes.Inserted + changes.Deleted >= AnalyseAfterRows)
                await Step("analyse", async () => await db.Database.ExecuteSqlRawAsync(StanceSql.Analyse, ct));

            log.LogInformation(
                "Stance recompute ({Scope}): {Tested} changes tested; observations -{DeletedObs}/+{InsertedObs} of {Observations}, " +
                "changes -{DeletedChanges}/+{InsertedChanges} of {Changes}; {Elapsed:0.0}s ({Steps})",
                documentIds is null ? "all" : $"{documentIds.Length} document(s)", tested,
                observations.Deleted, observations.Inserted, observed.Rows.Count, changes.Deleted, changes.Inserted, computed.Count,
                clock.Elapsed.TotalSeconds, string.Join(", ", timings));
        });
    }

    /// <summary>The counted statements of the scope, each with its targets.</summary>
    private static async Task<List<StanceStatement>> ReadStatementsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var byId = new Dictionary<long, (StanceStatement Statement, List<StanceTarget> Targets)>();
        // Actor ids, kinds and themes repeat on every row: share one string each instead of one per row.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Name(string value) => names.TryGetValue(value, out var shared) ? shared : names[value] = value;

        await using var command = Command(connection, transaction, StanceSql.Statements);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            if (!byId.TryGetValue(id, out var entry))
            {
                var targets = new List<StanceTarget>(1);
                var themes = reader.GetFieldValue<string[]>(6);
                for (var i = 0; i < themes.Length; i++) themes[i] = Name(themes[i]);
                byId[id] = entry = (new StanceStatement(id, Name(reader.GetString(1)), Name(reader.GetString(2)), reader.GetInt64(3),
                    reader.GetFieldValue<DateOnly>(4), reader.GetInt32(5), themes, targets), targets);
            }
            if (!reader.IsDBNull(7)) entry.Targets.Add(new StanceTarget(Name(reader.GetString(7)), reader.GetInt16(8)));
        }
        return byId.Values.Select(e => e.Statement).ToList();
    }

    /// <summary>
    /// Writes the difference: stored rows of the scope whose content is not computed again are deleted, computed rows not
    /// stored yet are copied in. A re-run with the same input changes nothing, not even computed_at.
    /// </summary>
    private static async Task<(int Deleted, int Inserted)> ReplaceAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string existingSql, string deleteSql, string copySql, IReadOnlyList<T> rows, Func<T, UInt128> hash,
        Action<NpgsqlBinaryImporter, T> write, CancellationToken ct)
    {
        var stored = new Dictionary<UInt128, long>();
        await using (var command = Command(connection, transaction, existingSql))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            // Hashes written by an earlier release (MD5, also 32 hex digits) match nothing: those rows are replaced once.
            while (await reader.ReadAsync(ct))
                stored[UInt128.Parse(reader.GetString(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)] = reader.GetInt64(0);
        }
        var computed = rows.Select(hash).ToHashSet();
        var obsolete = stored.Where(s => !computed.Contains(s.Key)).Select(s => s.Value).Order().ToArray();
        if (obsolete.Length > 0)
            await ExecuteAsync(connection, transaction, deleteSql, ct, new NpgsqlParameter<long[]>("ids", obsolete));

        var inserted = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(copySql, ct))
        {
            foreach (var row in rows)
            {
                if (stored.ContainsKey(hash(row))) continue;
                // Synchronous writes: the rows are in memory, and an await per field costs more than the COPY itself.
                copy.StartRow();
                write(copy, row);
                inserted++;
            }
            await copy.CompleteAsync(ct);
        }
        return (obsolete.Length, inserted);
    }

    private static void WriteObservation(NpgsqlBinaryImporter copy, ObservationRow o, DateTime computedAt)
    {
        copy.Write(o.SpeakerActorId, NpgsqlDbType.Varchar);
        copy.Write(o.TargetActorId, NpgsqlDbType.Varchar);
        copy.Write(o.Theme, NpgsqlDbType.Varchar);
        copy.Write(o.Grain, NpgsqlDbType.Varchar);
        copy.Write(o.PeriodStart, NpgsqlDbType.Date);
        copy.WriteNullable(o.DocumentId, NpgsqlDbType.Bigint);
        copy.Write(o.DocumentKind, NpgsqlDbType.Varchar);
        copy.Write(o.IsSelfReference, NpgsqlDbType.Boolean);
        copy.Write(o.NStatements, NpgsqlDbType.Integer);
        foreach (var count in o.Histogram) copy.Write(count, NpgsqlDbType.Integer);
        copy.Write(o.StanceIndex, NpgsqlDbType.Double);
        copy.WriteNullable(o.StanceVariance, NpgsqlDbType.Double);
        copy.WriteNullable(o.StanceSd, NpgsqlDbType.Double);
        copy.Write(o.SpeakerStatements, NpgsqlDbType.Integer);
        copy.Write(o.Salience, NpgsqlDbType.Double);
        copy.Write(o.CodebookVersions, NpgsqlDbType.Array | NpgsqlDbType.Integer);
        copy.Write(Hex(o.ContentHash), NpgsqlDbType.Char);
        copy.Write(computedAt, NpgsqlDbType.TimestampTz);
    }

    private static void WriteChange(NpgsqlBinaryImporter copy, ChangeRow c, DateTime computedAt)
    {
        copy.Write(c.SpeakerActorId, NpgsqlDbType.Varchar);
        copy.Write(c.TargetActorId, NpgsqlDbType.Varchar);
        copy.Write(c.Theme, NpgsqlDbType.Varchar);
        copy.Write(c.Grain, NpgsqlDbType.Varchar);
        copy.Write(c.DocumentKind, NpgsqlDbType.Varchar);
        copy.Write(c.IsSelfReference, NpgsqlDbType.Boolean);
        copy.Write(c.EventType, NpgsqlDbType.Varchar);
        copy.WriteNullable(c.PreviousPeriodStart, NpgsqlDbType.Date);
        copy.WriteNullable(c.PreviousDocumentId, NpgsqlDbType.Bigint);
        copy.Write(c.CurrentPeriodStart, NpgsqlDbType.Date);
        copy.WriteNullable(c.CurrentDocumentId, NpgsqlDbType.Bigint);
        copy.WriteNullable(c.GapPeriods, NpgsqlDbType.Integer);
        copy.WriteNullable(c.PreviousN, NpgsqlDbType.Integer);
        copy.WriteNullable(c.CurrentN, NpgsqlDbType.Integer);
        copy.WriteNullable(c.PreviousStanceIndex, NpgsqlDbType.Double);
        copy.WriteNullable(c.CurrentStanceIndex, NpgsqlDbType.Double);
        copy.WriteNullable(c.PreviousSalience, NpgsqlDbType.Double);
        copy.WriteNullable(c.CurrentSalience, NpgsqlDbType.Double);
        copy.WriteNullable(c.DeltaStance, NpgsqlDbType.Double);
        copy.WriteNullable(c.DeltaSalience, NpgsqlDbType.Double);
        copy.WriteNullable(c.Direction, NpgsqlDbType.Varchar);
        copy.WriteNullable(c.PValue, NpgsqlDbType.Double);
        copy.WriteNullable(c.QValue, NpgsqlDbType.Double);
        copy.Write(c.Significant, NpgsqlDbType.Boolean);
        copy.WriteNullable(c.TestMethod, NpgsqlDbType.Varchar);
        copy.Write(c.CodebookVersions, NpgsqlDbType.Array | NpgsqlDbType.Integer);
        copy.Write(c.Evidence.StatementIds, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        copy.Write(c.Evidence.Stances, NpgsqlDbType.Array | NpgsqlDbType.Smallint);
        copy.Write(c.Evidence.Contributions, NpgsqlDbType.Array | NpgsqlDbType.Double);
        copy.Write(c.Evidence.CurrentCount, NpgsqlDbType.Smallint);
        copy.Write(Hex(c.ContentHash), NpgsqlDbType.Char);
        copy.Write(computedAt, NpgsqlDbType.TimestampTz);
    }

    private static string Hex(UInt128 hash) => hash.ToString("x32", CultureInfo.InvariantCulture);


    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql) =>
        new(sql, connection, transaction) { CommandTimeout = CommandTimeoutSeconds };

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, sql);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken ct, params DbParameter[] parameters)
    {
        await using var command = Command(connection, transaction, sql);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
