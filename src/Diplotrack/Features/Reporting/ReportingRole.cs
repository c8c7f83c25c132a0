using Diplotrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Diplotrack.Features.Reporting;

public sealed class ReportingPasswordMissingException()
    : InvalidOperationException(
        "no password for the reporting role: set Reporting:Password (env Reporting__Password) to the password analysts will use; " +
        "there is deliberately no default.");

/// <summary>
/// Creates or updates the read-only login <c>diplotrack_reporting</c> for analysts' SQL tools. It can log in, read
/// the views of the <c>reporting</c> schema, and nothing else: the views run with their owner's rights, so no grant
/// on any app, hangfire or public table is needed and every such grant is revoked; it can create nothing, temporary
/// tables included, whatever it sets in its session (no CREATE on any schema, no TEMPORARY on the database). Re-running it resets the
/// password, the settings and the grants to exactly this state.
/// </summary>
public sealed class ReportingRole(DiplotrackDbContext db, IOptions<ReportingOptions> options)
{
    public const string Name = "diplotrack_reporting";
    public const string Schema = "reporting";
    public const string StatementTimeout = "30s";

    /// <summary>Schemas whose tables the role must never read. Those that do not exist (hangfire before the worker ran) are skipped.</summary>
    private static readonly string[] ClosedSchemas = [DiplotrackDbContext.Schema, "hangfire", "public"];

    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        var password = options.Value.Password;
        if (string.IsNullOrWhiteSpace(password)) throw new ReportingPasswordMissingException();

        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var created = await ScalarAsync<bool>(connection, "SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", ct, Name);
        if (created) await ExecuteAsync(connection, $"CREATE ROLE {Name}", ct);

        // The password is quoted by the server (format %L), never spliced into SQL by hand.
        var setPassword = await ScalarAsync<string>(connection, $"SELECT format('ALTER ROLE {Name} PASSWORD %L', $1::text)", ct, password);
        await ExecuteAsync(connection, setPassword, ct);

        string[] statements =
        [
            // NOINHERIT and no memberships: it can never pick up another role's write rights.
            $"ALTER ROLE {Name} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS",
            $"ALTER ROLE {Name} SET statement_timeout = '{StatementTimeout}'",
            $"ALTER ROLE {Name} SET default_transaction_read_only = on",
            $"ALTER ROLE {Name} SET search_path = {Schema}",
        ];
        foreach (var sql in statements) await ExecuteAsync(connection, sql, ct);

        var memberships = await ListAsync(connection,
            "SELECT quote_ident(g.rolname) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1",
            ct, Name);
        foreach (var group in memberships) await ExecuteAsync(connection, $"REVOKE {group} FROM {Name}", ct);

        var database = await ScalarAsync<string>(connection, "SELECT quote_ident(current_database())", ct);
        await ExecuteAsync(connection, $"GRANT CONNECT ON DATABASE {database} TO {Name}", ct);
        // Every role gets TEMPORARY on a new database through PUBLIC, and a temporary table is a write that read-only
        // sessions cannot stop: `SET default_transaction_read_only = off; CREATE TEMP TABLE` worked (issue 13). The
        // role running this (the app's, which the snapshot refresh needs temporary tables for) keeps it explicitly.
        await ExecuteAsync(connection, $"GRANT TEMPORARY ON DATABASE {database} TO CURRENT_USER", ct);
        await ExecuteAsync(connection, $"REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC", ct);
        await ExecuteAsync(connection, $"REVOKE TEMPORARY, CREATE ON DATABASE {database} FROM {Name}", ct);
        // CREATE on a schema can come from a grant to the role or to PUBLIC (the public schema before PostgreSQL 15).
        var schemas = await ListAsync(connection, "SELECT quote_ident(nspname) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'", ct);
        foreach (var schema in schemas)
        {
            await ExecuteAsync(connection, $"REVOKE CREATE ON SCHEMA {schema} FROM {Name}", ct);
            if (await ScalarAsync<bool>(connection, "SELECT has_schema_privilege($1, $2, 'CREATE')", ct, Name, schema))
                await ExecuteAsync(connection, $"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC", ct);
        }

        var closed = await ListAsync(connection, "SELECT quote_ident(nspname) FROM pg_namespace WHERE nspname = ANY($1)", ct, (object)ClosedSchemas);
        foreach (var schema in closed)
        {
            await ExecuteAsync(connection, $"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {Name}", ct);
            await ExecuteAsync(connection, $"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {Name}", ct);
            await ExecuteAsync(connection, $"REVOKE ALL ON SCHEMA {schema} FROM {Name}", ct);
        }

        if (!await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", ct, Schema))
            throw new InvalidOperationException("the reporting schema does not exist: run `diplotrack migrate` first.");
        await ExecuteAsync(connection, $"REVOKE ALL ON ALL TABLES IN SCHEMA {Schema} FROM {Name}", ct);
        await ExecuteAsync(connection, $"GRANT USAGE ON SCHEMA {Schema} TO {Name}", ct);
        await ExecuteAsync(connection, $"GRANT SELECT ON ALL TABLES IN SCHEMA {Schema} TO {Name}", ct);

        // The promise of docs/reporting.md, checked rather than assumed: nothing the role could create anything in.
        var creatable = await ListAsync(connection, """
            SELECT 'database ' || current_database() FROM (SELECT 1) x
            WHERE has_database_privilege($1, current_database(), 'CREATE') OR has_database_privilege($1, current_database(), 'TEMPORARY')
            UNION ALL
            SELECT 'schema ' || nspname FROM pg_namespace WHERE has_schema_privilege($1, oid, 'CREATE')
            """, ct, Name);
        if (creatable.Count > 0)
            throw new InvalidOperationException($"{Name} could still create objects in: {string.Join(", ", creatable)}");

        await tx.CommitAsync(ct);
        return created;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(reader.GetString(0));
        return result;
    }
}
