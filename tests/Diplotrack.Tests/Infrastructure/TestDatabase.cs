using Diplotrack.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Diplotrack.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated PostgreSQL database for one test class, on the server named by DIPLOTRACK_DB
/// (scripts/test starts a throwaway cluster). Databases are cloned from a template migrated once per run,
/// which keeps each test class isolated without paying for migrations every time.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _templateName;

    public string Name { get; } = "dt_" + Guid.NewGuid().ToString("N")[..16];
    public string ConnectionString { get; private set; } = "";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(DiplotrackDatabase.EnvironmentVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "DIPLOTRACK_DB is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL.");

    public virtual async Task InitializeAsync()
    {
        var template = await EnsureTemplateAsync();
        await ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\" TEMPLATE \"{template}\"");
        ConnectionString = WithDatabase(Name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public DiplotrackDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<DiplotrackDbContext>();
        options.UseDiplotrack(ConnectionString);
        return new DiplotrackDbContext(options.Options);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateName is not null) return _templateName;
            var name = "dt_template_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
            var options = new DbContextOptionsBuilder<DiplotrackDbContext>();
            options.UseDiplotrack(WithDatabase(name));
            await using (var db = new DiplotrackDbContext(options.Options))
                await db.Database.MigrateAsync();
            // A template must have no open connections when it is cloned.
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(name);
            return _templateName = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static void DropQuietly(string name)
    {
        try
        {
            ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // The throwaway cluster may already be gone; nothing to clean then.
        }
    }

    private static string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(WithDatabase("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
