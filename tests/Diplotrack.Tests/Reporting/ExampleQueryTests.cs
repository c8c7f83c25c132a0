using Diplotrack.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Diplotrack.Tests.Reporting;

/// <summary>The examples of docs/reporting.md on a corpus built to exercise all of them: every one must return rows.</summary>
[Collection(ReportingRoleCollection.Name)]
public class ExampleQueriesOnTestCorpusTests(CorpusDatabaseWithLogin fixture) : IClassFixture<CorpusDatabaseWithLogin>
{
    private readonly TestDatabase database = fixture.Database;

    [Fact]
    public async Task Every_example_runs_as_the_reporting_role_and_returns_rows()
    {
        var results = await ExampleQueryRunner.RunAllAsync(database);
        var unmet = results.Where(r => !r.RowsExpected).Select(r => r.Query.ToString()).ToList();
        Assert.True(unmet.Count == 0, "the test corpus does not meet the data condition of: " + string.Join(", ", unmet));
        var empty = results.Where(r => r.Rows == 0).Select(r => r.Query.ToString()).ToList();
        Assert.True(empty.Count == 0, "no rows from: " + string.Join(", ", empty));
    }
}

/// <summary>
/// The same examples on the project's seed, loaded by the app's Seeder. Each must run; each must return rows when
/// its stated data condition holds (most need codings, which the seed has once the coder runs on it).
/// </summary>
[Collection(ReportingRoleCollection.Name)]
public class ExampleQueriesOnSeedTests(SeedDatabaseWithLogin fixture, ITestOutputHelper output) : IClassFixture<SeedDatabaseWithLogin>
{
    private readonly TestDatabase database = fixture.Database;

    [Fact]
    public async Task Every_example_runs_and_returns_rows_whenever_its_data_condition_holds()
    {
        // The seed is coded at ingestion: without codings every condition below would be vacuous.
        Assert.True(await database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM reporting.codings WHERE is_official_voice)"));
        var results = await ExampleQueryRunner.RunAllAsync(database);
        foreach (var (query, expected, rows) in results)
            output.WriteLine($"{query}: {rows} row(s){(expected ? "" : " (its data condition does not hold on the seed)")}");
        var empty = results.Where(r => r.RowsExpected && r.Rows == 0).Select(r => r.Query.ToString()).ToList();
        Assert.True(empty.Count == 0, "no rows although the data condition holds: " + string.Join(", ", empty));
    }
}
