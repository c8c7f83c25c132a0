using Npgsql;

namespace Diplotrack.Features.Ingestion;

/// <summary>
/// An ingestion run's proof of life. Its <c>ingestion_runs</c> row is inserted, and a session advisory lock on its id
/// taken, on a connection of its own (not pooled) that stays open for the whole run. The lock ends with the session:
/// when the process dies or loses PostgreSQL, any other run can take it and so knows at once that the run is dead.
/// The time-based guess it replaces (<c>Inbox:StaleClaimMinutes</c>) kept a dead run's file for 30 minutes, and
/// nothing ever marked the dead run (issue 17, item 5).
/// </summary>
public sealed class RunLease : IAsyncDisposable
{
    /// <summary>First key of the run locks (beside the document store's spaces): apart from other advisory locks.</summary>
    private const int LockSpace = 0x4454_0003;

    private readonly NpgsqlConnection _connection;

    private RunLease(NpgsqlConnection connection, long runId) => (_connection, RunId) = (connection, runId);

    public long RunId { get; }

    /// <summary>Inserts the run's row (<c>running</c>) and takes its lock, in one transaction: no run sees the row without its lock.</summary>
    public static async Task<RunLease> StartAsync(string connectionString, string trigger, string? jobId, DateTimeOffset startedAt, CancellationToken ct)
    {
        // Not pooled: disposing the lease must end the session, and with it the lock, rather than park it in the pool.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO app.ingestion_runs ("trigger", job_id, started_at, status, created, duplicates, updated, failed)
                VALUES ($1, $2, $3, 'running', 0, 0, 0, 0) RETURNING id
                """, connection, tx);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = trigger });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)jobId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = startedAt.ToUniversalTime() });
            var runId = (long)(await insert.ExecuteScalarAsync(ct))!;
            await ExecuteAsync(connection, tx, "SELECT pg_advisory_lock($1, $2)", ct, LockSpace, Key(runId));
            await tx.CommitAsync(ct);
            return new RunLease(connection, runId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Throws when the lease is lost (PostgreSQL restarted, the connection was cut): the run can no longer show that
    /// it is alive, and another run may already be taking its claims back, so it must stop.
    /// </summary>
    public Task EnsureHeldAsync(CancellationToken ct) => ExecuteAsync(_connection, null, "SELECT 1", ct);

    /// <summary>
    /// Marks every other run still <c>running</c> whose lock is free as failed ("died"): its process ended or lost
    /// PostgreSQL before it could say how it ended. Returns their ids.
    /// </summary>
    public async Task<IReadOnlyList<long>> MarkDeadRunsAsync(CancellationToken ct)
    {
        var running = new List<long>();
        await using (var select = new NpgsqlCommand("SELECT id FROM app.ingestion_runs WHERE status = 'running' AND id <> $1", _connection))
        {
            select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = RunId });
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) running.Add(reader.GetInt64(0));
        }
        var dead = new List<long>();
        foreach (var id in running)
        {
            await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2)", _connection);
            tryLock.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockSpace });
            tryLock.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Key(id) });
            if (!(bool)(await tryLock.ExecuteScalarAsync(ct))!) continue; // its owner holds it: alive
            try
            {
                // Still running after its lock was free: a run that finished meanwhile has its status already.
                await using var mark = new NpgsqlCommand("""
                    UPDATE app.ingestion_runs SET status = 'failed', finished_at = now(),
                        error = 'died: the run''s process ended or lost PostgreSQL before the run finished (found by run ' || $2 || ')'
                    WHERE id = $1 AND status = 'running'
                    """, _connection);
                mark.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
                mark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RunId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                if (await mark.ExecuteNonQueryAsync(ct) > 0) dead.Add(id);
            }
            finally
            {
                await ExecuteAsync(_connection, null, "SELECT pg_advisory_unlock($1, $2)", CancellationToken.None, LockSpace, Key(id));
            }
        }
        return dead;
    }

    /// <summary>Closing the session releases the lock.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>The lock's second key: run ids fit in an int for the life of any database; a wrap would only alias two runs.</summary>
    private static int Key(long runId) => unchecked((int)runId);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct, params int[] args)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = arg });
        await command.ExecuteNonQueryAsync(ct);
    }
}
