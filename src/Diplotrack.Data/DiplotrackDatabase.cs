using Microsoft.Extensions.Configuration;

namespace Diplotrack.Data;

/// <summary>How every part of the product (app, CLI, tests, benchmarks, design-time tools) reaches PostgreSQL.</summary>
public static class DiplotrackDatabase
{
    public const string MigrationsAssembly = "Diplotrack.Migrations";
    public const string EnvironmentVariable = "DIPLOTRACK_DB";
    public const string ConnectionStringName = "Diplotrack";

    /// <summary>The connection string from <c>DIPLOTRACK_DB</c> or <c>ConnectionStrings:Diplotrack</c>, or a clear error.</summary>
    public static string GetConnectionString(IConfiguration configuration) =>
        FindConnectionString(configuration)
        ?? throw new InvalidOperationException(
            $"No database configured: set {EnvironmentVariable} (an Npgsql connection string) or ConnectionStrings:{ConnectionStringName}, " +
            "or start the product with scripts/run, which starts a local PostgreSQL.");

    public static string? FindConnectionString(IConfiguration configuration)
    {
        var fromEnv = configuration[EnvironmentVariable];
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        var named = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(named) ? null : named;
    }

    public static DbContextOptionsBuilder UseDiplotrack(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, o => o
                .MigrationsAssembly(MigrationsAssembly)
                .MigrationsHistoryTable("__ef_migrations_history", DiplotrackDbContext.Schema))
            .UseSnakeCaseNamingConvention();
}
