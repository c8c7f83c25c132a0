using Diplotrack.Features.Stance;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Reporting;

/// <summary>
/// codings, statement_themes and formula_matches read snapshots: a change to the codings shows there once the stance
/// job has run (docs/reporting.md, Freshness), while coding_history shows it at once.
/// </summary>
public class ReportingSnapshotTests(CorpusDatabase fixture) : IClassFixture<CorpusDatabase>
{
    private readonly TestDatabase database = fixture.Database;

    [Fact]
    public async Task A_changed_coding_reaches_codings_and_themes_when_the_stance_job_ends()
    {
        const string statement = "(SELECT id FROM app.statements WHERE text = '这是霸凌行径。')";
        const string current = $"(SELECT id FROM app.statement_codings WHERE is_current AND statement_id = {statement})";
        Assert.Equal(-1, await database.ScalarAsync<short>($"SELECT stance FROM reporting.codings WHERE statement_id = {statement}"));
        var themesBefore = await database.ScalarAsync<string>($"SELECT string_agg(theme_id, ',' ORDER BY theme_rank) FROM reporting.statement_themes WHERE statement_id = {statement}");

        await database.ScalarAsync<int>(
            $"WITH t AS (UPDATE app.coding_targets SET stance = -2 WHERE statement_coding_id = {current} RETURNING 1), " +
            $"c AS (UPDATE app.statement_codings SET themes = ARRAY['people'] WHERE id = {current} RETURNING 1) " +
            "SELECT (SELECT count(*) FROM t)::int + (SELECT count(*) FROM c)::int");

        // Live history, stale snapshot until the job runs.
        Assert.Equal(-2, await database.ScalarAsync<short>($"SELECT stance FROM reporting.coding_history WHERE is_current AND statement_id = {statement}"));
        Assert.Equal(-1, await database.ScalarAsync<short>($"SELECT stance FROM reporting.codings WHERE statement_id = {statement}"));
        Assert.NotEqual("people", themesBefore);

        await using (var services = AppServices.Create(database))
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<StanceBackgroundJobs>().RecomputeAllAsync(CancellationToken.None);

        Assert.Equal(-2, await database.ScalarAsync<short>($"SELECT stance FROM reporting.codings WHERE statement_id = {statement}"));
        Assert.Equal("hostile", await database.ScalarAsync<string>($"SELECT stance_label FROM reporting.codings WHERE statement_id = {statement}"));
        Assert.Equal("people", await database.ScalarAsync<string>($"SELECT string_agg(theme_id, ',' ORDER BY theme_rank) FROM reporting.statement_themes WHERE statement_id = {statement}"));
    }
}
