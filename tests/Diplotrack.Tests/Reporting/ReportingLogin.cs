using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Diplotrack.Features.Reporting;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Diplotrack.Tests.Reporting;

/// <summary>
/// The role <c>diplotrack_reporting</c> is cluster-wide, so the classes that create or alter it run one at a time
/// (concurrent ALTER ROLE on one role fails with "tuple concurrently updated").
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReportingRoleCollection
{
    public const string Name = "reporting role";
}

public static class ReportingLogin
{
    /// <summary>A fresh password per test run: the repository holds none.</summary>
    public static string Password { get; } = "t-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)) + "'\"x";

    public static Dictionary<string, string?> Settings => new() { ["Reporting:Password"] = Password };

    public static async Task EnsureRoleAsync(TestDatabase database)
    {
        await using var services = AppServices.Create(database, Settings);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportingRole>().EnsureAsync(CancellationToken.None);
    }

    public static async Task<NpgsqlConnection> ConnectAsync(TestDatabase database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Username = ReportingRole.Name, Password = Password, Pooling = false,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<List<string>> ListAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync()) result.Add(reader.GetString(0));
        return result;
    }
}

/// <summary>The ```sql blocks of docs/reporting.md, with their "-- Returns rows when:" condition.</summary>
public sealed record ExampleQuery(int Number, string Sql, string? RowsWhen)
{
    public override string ToString() => $"example {Number}";

    public static IReadOnlyList<ExampleQuery> All { get; } = Load();

    private static List<ExampleQuery> Load()
    {
        var markdown = File.ReadAllText(Path.Combine(Repository.Root, "docs", "reporting.md"));
        var blocks = Regex.Matches(markdown, @"^```sql\r?\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline);
        return [.. blocks.Select((m, i) =>
        {
            var sql = m.Groups[1].Value;
            var condition = Regex.Match(sql, @"^-- Returns rows when: (.+)$", RegexOptions.Multiline);
            return new ExampleQuery(i + 1, sql, condition.Success ? condition.Groups[1].Value.Trim() : null);
        })];
    }
}
