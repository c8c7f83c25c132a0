using Diplotrack.Features.Reporting;
using Diplotrack.Migrations;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Diplotrack.Tests.Reporting;

/// <summary>What an analyst's login can and cannot do (issue: "refused on any write and on every table outside reporting").</summary>
[Collection(ReportingRoleCollection.Name)]
public class ReportingRoleTests(CorpusDatabaseWithLogin fixture) : IClassFixture<CorpusDatabaseWithLogin>
{
    private readonly TestDatabase database = fixture.Database;

    [Fact]
    public async Task Refuses_to_create_the_role_without_a_configured_password()
    {
        await using var services = AppServices.Create(database, new Dictionary<string, string?> { ["Reporting:Password"] = " " });
        await using var scope = services.CreateAsyncScope();
        var error = await Assert.ThrowsAsync<ReportingPasswordMissingException>(
            () => scope.ServiceProvider.GetRequiredService<ReportingRole>().EnsureAsync(CancellationToken.None));
        Assert.Contains("Reporting__Password", error.Message);
    }

    [Fact]
    public async Task Can_select_from_every_reporting_view()
    {
        var views = await ReportingLogin.ListAsync(database, "SELECT table_name FROM information_schema.views WHERE table_schema = 'reporting'");
        Assert.True(views.Count >= 11, $"only {views.Count} reporting views");
        await using var connection = await ReportingLogin.ConnectAsync(database);
        foreach (var view in views)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM reporting.\"{view}\"", connection);
            Assert.True((long)(await command.ExecuteScalarAsync())! >= 0);
        }
        await using var codings = new NpgsqlCommand("SELECT count(*) FROM codings", connection); // search_path = reporting
        Assert.True((long)(await codings.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task Is_refused_on_every_table_outside_the_reporting_schema()
    {
        var tables = await ReportingLogin.ListAsync(database,
            "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname IN ('app', 'hangfire', 'public')");
        Assert.Contains("app.users", tables);
        Assert.Contains("app.statements", tables);
        Assert.Contains("hangfire.job", tables);
        await using var connection = await ReportingLogin.ConnectAsync(database);
        foreach (var table in tables)
            await AssertRefusedAsync(connection, $"SELECT * FROM {table} LIMIT 1", PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task Is_refused_on_any_write()
    {
        await using var connection = await ReportingLogin.ConnectAsync(database);
        string[] writes =
        [
            "DELETE FROM reporting.documents",
            "UPDATE reporting.actors SET name_en = 'x'",
            "INSERT INTO reporting.themes (theme_id, name_en) VALUES ('x', 'x')",
            "INSERT INTO app.documents (title) VALUES ('x')",
            "DELETE FROM app.users",
            "CREATE TABLE reporting.mine (id int)",
            "CREATE TABLE public.mine (id int)",
            "DROP VIEW reporting.codings",
            "CREATE ROLE intruder",
        ];
        foreach (var sql in writes)
            await AssertRefusedAsync(connection, sql, PostgresErrorCodes.ReadOnlySqlTransaction, PostgresErrorCodes.InsufficientPrivilege);

        // Read-only is only the session default; with it switched off the privileges still refuse every write.
        await using (var off = new NpgsqlCommand("SET default_transaction_read_only = off", connection)) await off.ExecuteNonQueryAsync();
        foreach (var sql in writes)
            await AssertRefusedAsync(connection, sql, PostgresErrorCodes.InsufficientPrivilege);
        Assert.Equal(3L, await OwnerScalarAsync<long>("SELECT count(*) FROM app.documents"));
    }

    [Fact]
    public async Task Has_a_statement_timeout_read_only_sessions_and_no_inherited_rights()
    {
        await using var connection = await ReportingLogin.ConnectAsync(database);
        Assert.Equal("30s", await ScalarAsync<string>(connection, "SHOW statement_timeout"));
        Assert.Equal("on", await ScalarAsync<string>(connection, "SHOW default_transaction_read_only"));
        Assert.True(await OwnerScalarAsync<bool>(
            $"SELECT rolcanlogin AND NOT rolinherit AND NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb AND NOT rolbypassrls " +
            $"AND NOT EXISTS (SELECT 1 FROM pg_auth_members WHERE member = r.oid) FROM pg_roles r WHERE rolname = '{ReportingRole.Name}'"));
        Assert.StartsWith("SCRAM-SHA-256$", await OwnerScalarAsync<string>($"SELECT rolpassword FROM pg_authid WHERE rolname = '{ReportingRole.Name}'"));
    }

    [Fact]
    public async Task Keeps_its_access_when_a_migration_rebuilds_the_views_and_when_the_verb_runs_again()
    {
        await ExecuteAsOwnerAsync(SqlScript.Read(SqlScript.CurrentReportingViews));
        await ReportingLogin.EnsureRoleAsync(database);
        await using var connection = await ReportingLogin.ConnectAsync(database);
        Assert.True(await ScalarAsync<long>(connection, "SELECT count(*) FROM reporting.codings") > 0);
        await AssertRefusedAsync(connection, "SELECT * FROM app.users", PostgresErrorCodes.InsufficientPrivilege);
    }

    private static async Task AssertRefusedAsync(NpgsqlConnection connection, string sql, params string[] sqlStates)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.True(sqlStates.Contains(error.SqlState), $"{sql}: expected {string.Join(" or ", sqlStates)}, got {error.SqlState} {error.MessageText}");
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private Task<T> OwnerScalarAsync<T>(string sql) => database.ScalarAsync<T>(sql);

    private async Task ExecuteAsOwnerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
