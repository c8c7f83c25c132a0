using System.Text.RegularExpressions;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Diplotrack.Tests.Reporting;

/// <summary>What the views mean: current versus history, official voice, formulas, agreement figures.</summary>
public class ReportingViewTests(CorpusDatabase fixture) : IClassFixture<CorpusDatabase>
{
    private readonly TestDatabase database = fixture.Database;

    [Fact]
    public async Task Codings_hold_the_current_coding_only_and_history_holds_all()
    {
        const string statement = "(SELECT id FROM app.statements WHERE text = '这是霸凌行径。')";
        Assert.Equal("manual:-1", await database.ScalarAsync<string>(
            $"SELECT string_agg(origin || ':' || stance, ',') FROM reporting.codings WHERE statement_id = {statement}"));
        Assert.Equal("auto:1:0,auto:2:-2,manual:2:-1", await database.ScalarAsync<string>(
            $"SELECT string_agg(origin || ':' || codebook_version || ':' || stance, ',' ORDER BY coded_at) FROM reporting.coding_history WHERE statement_id = {statement}"));
    }

    [Fact]
    public async Task Highlights_and_questions_are_not_official_voice()
    {
        Assert.Equal("answer", await database.ScalarAsync<string>(
            "SELECT string_agg(DISTINCT statement_kind, ',') FROM reporting.codings WHERE is_official_voice"));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM reporting.statements WHERE statement_kind = 'highlight' AND cardinality(repeats_statement_ids) = 1"));
    }

    [Fact]
    public async Task Formula_usage_counts_official_statements_per_month_and_marks_the_first_month()
    {
        // 表示欢迎: first in 2023-03, again in 2024-03. 坚决反对: once in an answer; its highlight repeat and a question do not count.
        Assert.Equal("2023-03-01:1:true,2024-03-01:1:false", await database.ScalarAsync<string>(
            "SELECT string_agg(period_month || ':' || statements || ':' || is_first_period, ',' ORDER BY period_month) FROM reporting.formula_usage WHERE formula_text = '表示欢迎'"));
        Assert.Equal("2024-03-07:1:-2", await database.ScalarAsync<string>(
            "SELECT first_seen || ':' || statements || ':' || formula_stance FROM reporting.formula_usage WHERE formula_text = '坚决反对'"));
        Assert.Equal("answer,question", await database.ScalarAsync<string>(
            "SELECT string_agg(statement_kind, ',' ORDER BY statement_kind) FROM reporting.formula_matches WHERE formula_text = '坚决反对'"));
    }

    [Fact]
    public async Task The_seeders_formula_ladder_mirrors_the_codebook_and_a_second_sync_changes_nothing()
    {
        var ladder = File.ReadAllLines(Path.Combine(Repository.Seed, "codebook", "ladder.csv")).Skip(1).Count(l => l.Trim().Length > 0);
        Assert.Equal(ladder, await database.ScalarAsync<long>("SELECT count(*) FROM app.formulas"));
        await using var services = AppServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<Diplotrack.Features.Coding.Codebooks.FormulaLadder>().SyncAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Coder_agreement_gives_shares_and_krippendorffs_interval_alpha()
    {
        // People coded three 2024 answers: US -2, US -1 plus CN 0, US -1. Version 2 said US -2, US -1, US -2; version 1 said 0 for all.
        // v2: 4 units, 3 found by both; stances (-2,-2) (-1,-1) (-2,-1): D_o = 1/3, pooled variance 0.3, alpha = 1 - (1/3)/0.6 = 0.4444.
        // v1: stances (0,-2) (0,-1) (0,-1): D_o = 2, pooled variance 2/3, alpha = 1 - 2/(4/3) = -0.5.
        Assert.Equal("2:3:4:0.7500:3:0.6667:0.4444:0.3333:1.0000|1:3:4:0.7500:3:0.0000:-0.5000:1.3333:1.0000", await database.ScalarAsync<string>(
            "SELECT string_agg(concat_ws(':', codebook_version, statements_compared, target_units, target_agreement_share, stance_units, " +
            "stance_agreement_share, krippendorff_alpha_stance, mean_abs_stance_difference, theme_agreement_share), '|' ORDER BY codebook_version DESC) " +
            "FROM reporting.coder_agreement"));
    }

    [Fact]
    public async Task Every_view_and_column_is_commented_in_the_database_and_documented_in_docs()
    {
        var markdown = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "reporting.md"));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, obj_description(c.oid, 'pg_class') IS NOT NULL,
                   array_agg(a.attname::text ORDER BY a.attnum), bool_and(col_description(c.oid, a.attnum) IS NOT NULL)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'reporting'
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('v', 'm')
            GROUP BY c.oid, c.relname
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var views = 0;
        while (await reader.ReadAsync())
        {
            views++;
            var view = reader.GetString(0);
            Assert.True(reader.GetBoolean(1), $"reporting.{view} has no COMMENT ON VIEW");
            Assert.True(reader.GetBoolean(3), $"a column of reporting.{view} has no COMMENT ON COLUMN");
            var section = Regex.Match(markdown, $@"^### `{view}`\r?\n(.*?)(?=^##)", RegexOptions.Singleline | RegexOptions.Multiline);
            Assert.True(section.Success, $"docs/reporting.md has no section ### `{view}`");
            // coding_history documents only what it adds to codings.
            var documented = view == "coding_history"
                ? section.Value + Regex.Match(markdown, @"^### `codings`\r?\n(.*?)(?=^##)", RegexOptions.Singleline | RegexOptions.Multiline).Value
                : section.Value;
            foreach (var column in reader.GetFieldValue<string[]>(2))
                Assert.True(documented.Contains($"`{column}`"), $"docs/reporting.md does not document {view}.{column}");
        }
        Assert.True(views >= 11);
    }
}
