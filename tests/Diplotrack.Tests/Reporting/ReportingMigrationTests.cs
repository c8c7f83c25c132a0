using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Diplotrack.Tests.Reporting;

/// <summary>The reporting migration's Down removes what its Up made, and Up works again after it.</summary>
public class ReportingMigrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Counts =
        "SELECT (SELECT count(*) FROM information_schema.views WHERE table_schema = 'reporting') || ':' || " +
        "(SELECT count(*) FROM pg_indexes WHERE schemaname = 'app' AND indexname LIKE 'ix_%reporting%') || ':' || " +
        "(SELECT count(*) FROM information_schema.tables WHERE table_schema = 'app' AND table_name = 'formulas')";

    [Fact]
    public async Task Down_removes_the_views_indexes_and_formulas_and_up_restores_them()
    {
        var before = await database.ScalarAsync<string>(Counts);
        // 3 indexes of reporting_indexes.sql + 7 on the snapshots behind codings, statement_themes and formula_matches
        // + 3 on the summaries (document_targets, exchange_stance).
        Assert.Matches(@"^(1[1-9]|[2-9]\d):13:1$", before);

        await using (var db = database.CreateContext())
        {
            var migrator = db.GetService<IMigrator>();
            var reporting = db.Database.GetMigrations().Single(m => m.EndsWith("_Reporting", StringComparison.Ordinal));
            var previous = db.Database.GetMigrations().TakeWhile(m => m != reporting).Last();
            await migrator.MigrateAsync(previous);
            Assert.Equal("0:0:0", await database.ScalarAsync<string>(Counts));
            Assert.False(await database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'reporting')"));
            await db.Database.MigrateAsync();
        }
        Assert.Equal(before, await database.ScalarAsync<string>(Counts));
    }

    [Fact]
    public async Task Down_of_the_summaries_leaves_what_the_code_before_them_expects()
    {
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        var summaries = db.Database.GetMigrations().Single(m => m.EndsWith("_ReportingSummaries", StringComparison.Ordinal));
        await migrator.MigrateAsync(db.Database.GetMigrations().TakeWhile(m => m != summaries).Last());

        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_class WHERE relname IN ('document_targets', 'monthly_targets', 'monthly_statements', 'monthly_themes', " +
            "'exchange_stance', 'reporting_document_targets', 'reporting_formula_usage', 'reporting_current_codings_source')"));
        // formula_usage aggregates the matches again, and keeps its documentation.
        Assert.Contains("reporting.formula_matches", await database.ScalarAsync<string>("SELECT pg_get_viewdef('reporting.formula_usage'::regclass)"));
        Assert.NotNull(await database.ScalarAsync<string>("SELECT obj_description('reporting.formula_usage'::regclass, 'pg_class')"));
        // The code before refreshed three materialised views concurrently, and codings, statement_themes and
        // formula_matches read them.
        foreach (var (snapshot, view) in new[] { ("reporting_current_codings", "codings"), ("reporting_statement_themes", "statement_themes"), ("reporting_formula_matches", "formula_matches") })
        {
            Assert.Equal("m", await database.ScalarAsync<string>($"SELECT relkind::text FROM pg_class WHERE oid = 'app.{snapshot}'::regclass"));
            await database.ScalarAsync<int>($"REFRESH MATERIALIZED VIEW CONCURRENTLY app.{snapshot}; SELECT 1");
            Assert.Contains($"app.{snapshot}", await database.ScalarAsync<string>($"SELECT pg_get_viewdef('reporting.{view}'::regclass)"));
        }

        await db.Database.MigrateAsync();
        Assert.Equal("r", await database.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'app.reporting_current_codings'::regclass"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT app.refresh_reporting_snapshot('app.reporting_current_codings')"));
    }
}
