using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Diplotrack.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Diplotrack.Features.Reporting;

public sealed class ReportRequestException(string message) : Exception(message);

/// <summary>
/// Writes one view of the <c>reporting</c> schema as CSV (RFC 4180, header row). The view name is checked against
/// <c>information_schema.views</c>; the optional predicate runs in a read-only transaction, as a single statement
/// (the extended protocol refuses a second one, so <c>; COMMIT; DELETE ...</c> cannot get out), and with the
/// rights of <c>diplotrack_reporting</c> when that role exists, so it cannot read app tables either.
/// </summary>
public sealed class ReportExporter(DiplotrackDbContext db)
{
    public const string ExportTimeout = "5min";

    public async Task<IReadOnlyList<string>> ListViewsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await ListViewsAsync(connection, ct);
    }

    public async Task<int> WriteCsvAsync(string view, string? predicate, long? limit, TextWriter output, CancellationToken ct)
    {
        if (limit is < 0) throw new ReportRequestException("--limit must be zero or more.");
        await using var connection = await OpenAsync(ct);
        var views = await ListViewsAsync(connection, ct);
        if (!views.Contains(view, StringComparer.Ordinal))
            throw new ReportRequestException($"'{view}' is not a reporting view. Views: {string.Join(", ", views)}.");

        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, "SET TRANSACTION READ ONLY", ct);
        // Longer than the analysts' 30 s: an extract is the way to get what an interactive query cannot.
        await ExecuteAsync(connection, $"SET LOCAL statement_timeout = '{ExportTimeout}'", ct);
        await ExecuteAsync(connection,
            $"""
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{ReportingRole.Name}')
                   AND pg_has_role(current_user, '{ReportingRole.Name}', 'USAGE') THEN
                    SET LOCAL ROLE {ReportingRole.Name};
                END IF;
            END $$
            """, ct);

        var where = string.IsNullOrWhiteSpace(predicate) ? "" : $"WHERE ({predicate})\n";
        // The positional parameter ($1, the row limit) makes Npgsql send the text as one statement, unsplit.
        await using var command = new NpgsqlCommand($"SELECT * FROM {ReportingRole.Schema}.\"{view}\"\n{where}LIMIT $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)limit ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });

        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(ct);
        }
        catch (PostgresException ex) when (predicate is not null && ex.SqlState is not (PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.AdminShutdown))
        {
            throw new ReportRequestException($"the --where predicate was refused: {ex.MessageText}");
        }

        var rows = 0;
        await using (reader)
        {
            await using var csv = CsvWriter.Create(output, null, leaveOpen: true);
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetName(i);
            csv.WriteHeader(fields);
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < fields.Length; i++) fields[i] = Format(reader.GetValue(i));
                csv.WriteRecord(fields);
                rows++;
            }
            await csv.FlushAsync(ct);
        }
        await tx.RollbackAsync(ct); // nothing to keep: it was read-only
        return rows;
    }

    /// <summary>One text form per value, stable for spreadsheets: ISO dates, invariant numbers, arrays as JSON.</summary>
    private static string Format(object value) => value switch
    {
        DBNull => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        Array array => JsonSerializer.Serialize(array),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<List<string>> ListViewsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.views WHERE table_schema = $1 ORDER BY table_name", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ReportingRole.Schema });
        var views = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) views.Add(reader.GetString(0));
        return views;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
