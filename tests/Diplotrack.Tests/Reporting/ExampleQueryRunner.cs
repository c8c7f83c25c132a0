using Diplotrack.Tests.Infrastructure;
using Npgsql;

namespace Diplotrack.Tests.Reporting;

public static class ExampleQueryRunner
{
    /// <summary>Runs every example as diplotrack_reporting; returns (example, condition held, rows).</summary>
    public static async Task<List<(ExampleQuery Query, bool RowsExpected, int Rows)>> RunAllAsync(TestDatabase database)
    {
        Assert.True(ExampleQuery.All.Count >= 8, $"docs/reporting.md has {ExampleQuery.All.Count} ```sql examples; at least 8 are required");
        await using var connection = await ReportingLogin.ConnectAsync(database);
        var results = new List<(ExampleQuery, bool, int)>();
        foreach (var query in ExampleQuery.All)
        {
            Assert.True(query.RowsWhen is not null, $"{query} has no '-- Returns rows when:' line");
            bool expected;
            await using (var condition = new NpgsqlCommand(query.RowsWhen, connection))
                expected = (bool)(await condition.ExecuteScalarAsync())!;
            var rows = 0;
            try
            {
                await using var command = new NpgsqlCommand(query.Sql, connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) rows++;
            }
            catch (PostgresException ex)
            {
                Assert.Fail($"{query} failed as {Diplotrack.Features.Reporting.ReportingRole.Name}: {ex.MessageText}\n{query.Sql}");
            }
            results.Add((query, expected, rows));
        }
        return results;
    }
}
