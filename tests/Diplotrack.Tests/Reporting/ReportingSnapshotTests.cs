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
        var summariesBefore = await SummariesAsync(statement);

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

        // The summaries count the same codings: -1 became -2, so one more hostile statement and a stance sum one lower
        // toward the US in the document, its month and its exchange; one more statement whose main theme is people.
        var after = await SummariesAsync(statement);
        Assert.Equal(summariesBefore.Document with { Hostile = summariesBefore.Document.Hostile + 1, StanceSum = summariesBefore.Document.StanceSum - 1 }, after.Document);
        Assert.Equal(summariesBefore.Month with { Hostile = summariesBefore.Month.Hostile + 1, StanceSum = summariesBefore.Month.StanceSum - 1 }, after.Month);
        Assert.Equal(summariesBefore.Exchange with { Hostile = summariesBefore.Exchange.Hostile + 1, StanceSum = summariesBefore.Exchange.StanceSum - 1 }, after.Exchange);
        Assert.Equal(summariesBefore.PeopleMainTheme + 1, after.PeopleMainTheme);
    }

    private sealed record Counts(int Hostile, int StanceSum);

    private sealed record Summaries(Counts Document, Counts Month, Counts Exchange, long PeopleMainTheme);

    /// <summary>What document_targets, monthly_targets, exchange_stance and monthly_themes say about the statement's document, month and exchange.</summary>
    private async Task<Summaries> SummariesAsync(string statement)
    {
        var document = $"(SELECT document_id FROM app.statements WHERE id = {statement})";
        var month = $"(SELECT date_trunc('month', date)::date FROM app.documents WHERE id = {document})";
        var kind = $"(SELECT kind FROM app.documents WHERE id = {document})";
        async Task<Counts> CountsAsync(string view, string where) =>
            (await database.ScalarAsync<string>($"SELECT hostile || ':' || stance_sum FROM reporting.{view} WHERE {where}")).Split(':') is [var h, var s]
                ? new Counts(int.Parse(h), int.Parse(s)) : throw new InvalidOperationException(view);
        return new Summaries(
            await CountsAsync("document_targets", $"document_id = {document} AND target_actor_id = 'US' AND NOT is_self_reference"),
            await CountsAsync("monthly_targets", $"period_month = {month} AND document_kind = {kind} AND target_actor_id = 'US' AND NOT is_self_reference"),
            await CountsAsync("exchange_stance", $"exchange_id = (SELECT exchange_id FROM app.statements WHERE id = {statement})"),
            await database.ScalarAsync<long>(
                $"SELECT coalesce(sum(primary_statements), 0) FROM reporting.monthly_themes WHERE period_month = {month} AND document_kind = {kind} AND theme_id = 'people'"));
    }
}
