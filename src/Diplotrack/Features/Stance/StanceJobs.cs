using System.Data.Common;
using Diplotrack.Data;
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
            await ExecuteAsync(connection, transaction, StanceSql.Analyse("stance_scope"), ct);
            await Step("statements", () => StageAsync(connection, transaction, StanceSql.StatementPeriods, "stance_statement_periods", ct));
            await Step("periods", () => StageAsync(connection, transaction, StanceSql.SpeakerPeriods, "stance_speaker_periods", ct));
            await Step("units", () => StageAsync(connection, transaction, StanceSql.Units, "stance_units", ct));
            await Step("observations", () => StageAsync(connection, transaction, StanceSql.Observations, "stance_obs_stage", ct));
            await Step("changes", () => StageAsync(connection, transaction, StanceSql.Changes, "stance_change_stage", ct));
            var tested = await Step("test", () => TestChangesAsync(connection, transaction, ct));
            await ExecuteAsync(connection, transaction, StanceSql.HashJoinsOnly, ct);
            await Step("evidence", () => StageAsync(connection, transaction, StanceSql.Evidence, "stance_evidence_stage", ct));
            await ExecuteAsync(connection, transaction, StanceSql.AllJoins, ct);
            await Step("hashes", () => ExecuteAsync(connection, transaction, StanceSql.ChangeHashes, ct));
            await ExecuteAsync(connection, transaction, StanceSql.Analyse("stance_change_stage"), ct);

            var deletedObservations = await Step("delete-obs", () => ExecuteAsync(connection, transaction, StanceSql.DeleteObservations, ct));
            var insertedObservations = await Step("insert-obs", () => ExecuteAsync(connection, transaction, StanceSql.InsertObservations, ct));
            var deletedChanges = await Step("delete-changes", () => ExecuteAsync(connection, transaction, StanceSql.DeleteChanges, ct));
            await Step("insert-changes", () => ExecuteAsync(connection, transaction, StanceSql.InsertChanges, ct));
            await Step("commit", async () => { await tx.CommitAsync(ct); return 0; });

            log.LogInformation(
                "Stance recompute ({Scope}): {Tested} changes tested; observations -{DeletedObs}/+{InsertedObs}, changes -{DeletedChanges}; {Elapsed:0.0}s ({Steps})",
                documentIds is null ? "all" : $"{documentIds.Length} document(s)", tested,
                deletedObservations, insertedObservations, deletedChanges, clock.Elapsed.TotalSeconds, string.Join(", ", timings));
        });
    }

    /// <summary>Runs the permutation test on every change and adjusts the p-values per (speaker, venue, grain, period).</summary>
    private static async Task<int> TestChangesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        // The family of a test: one series (speaker actor, venue, grain) and one period, every target and theme.
        var rows = new List<(long Id, (int Series, int Period) Family, int[] Previous, int[] Current)>();
        await using (var command = Command(connection, transaction, StanceSql.TestInputs))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt64(0), (reader.GetInt32(1), reader.GetInt32(2)), reader.GetFieldValue<int[]>(3), reader.GetFieldValue<int[]>(4)));
            }
        }
        if (rows.Count == 0) return 0;

        // Memoised: the same few thousand histogram pairs recur across hundreds of thousands of changes.
        var memo = new ChangeTest.Memo();
        var results = rows.Select(r => memo.MeanDifference(r.Previous, r.Current)).ToArray();
        var q = new double[rows.Count];
        foreach (var family in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Family))
        {
            var members = family.ToArray();
            var adjusted = ChangeTest.BenjaminiHochberg(members.Select(i => results[i].PValue).ToArray());
            for (var k = 0; k < members.Length; k++) q[members[k]] = adjusted[k];
        }

        await using var update = Command(connection, transaction, StanceSql.ApplyTests);
        update.Parameters.Add(new NpgsqlParameter<long[]>("ids", rows.Select(r => r.Id).ToArray()));
        update.Parameters.Add(new NpgsqlParameter<double[]>("p", results.Select(r => r.PValue).ToArray()));
        update.Parameters.Add(new NpgsqlParameter<double[]>("q", q));
        update.Parameters.Add(new NpgsqlParameter<bool[]>("significant", q.Select(v => v <= FalseDiscoveryRate).ToArray()));
        update.Parameters.Add(new NpgsqlParameter("method", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = results.Select(r => r.Method).ToArray() });
        await update.ExecuteNonQueryAsync(ct);
        return rows.Count;
    }

    private static async Task<int> StageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string table, CancellationToken ct)
    {
        var rows = await ExecuteAsync(connection, transaction, sql, ct);
        await ExecuteAsync(connection, transaction, StanceSql.Analyse(table), ct);
        return rows;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql) =>
        new(sql, connection, transaction) { CommandTimeout = CommandTimeoutSeconds };

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken ct, params DbParameter[] parameters)
    {
        await using var command = Command(connection, transaction, sql);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
