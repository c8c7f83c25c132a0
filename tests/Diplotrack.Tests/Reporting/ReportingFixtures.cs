using Diplotrack.Tests.Infrastructure;

namespace Diplotrack.Tests.Reporting;

/// <summary>A fresh database per test class holding <see cref="ReportingCorpus"/>, loaded once.</summary>
public class CorpusDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await ReportingCorpus.LoadAsync(Database);
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

/// <summary>The corpus plus the reporting login (and a stand-in hangfire schema, which a worker creates on start).</summary>
public sealed class CorpusDatabaseWithLogin : CorpusDatabase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var connection = new Npgsql.NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "CREATE SCHEMA hangfire; CREATE TABLE hangfire.job (id bigint PRIMARY KEY, payload text); INSERT INTO hangfire.job VALUES (1, 'secret');",
                connection);
            await command.ExecuteNonQueryAsync();
        }
        await ReportingLogin.EnsureRoleAsync(Database);
    }
}

/// <summary>The project's seed/ loaded by the app's own Seeder, plus the reporting login.</summary>
public sealed class SeedDatabaseWithLogin : SeededDatabase
{
    public TestDatabase Database => this;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.Empty(Seed.Errors);
        await ReportingLogin.EnsureRoleAsync(this);
    }
}
