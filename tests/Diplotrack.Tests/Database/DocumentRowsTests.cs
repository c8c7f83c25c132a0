using Diplotrack.Features.Database;
using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Diplotrack.Tests.Database;

/// <summary>
/// The three descriptions of a document's rows agree: the EF Core model, the COPY column lists of DocumentRows and what
/// the reporting views read. Adding a column to one without the others fails here rather than in a bulk load.
/// </summary>
public class DocumentRowsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    /// <summary>Columns the COPY path leaves to their default on purpose, by table.</summary>
    private static readonly Dictionary<string, string[]> LeftToDefault = new()
    {
        ["documents"] = [],
        ["exchanges"] = [],
        ["statements"] = [],
        ["highlight_sources"] = [],
        // A new automatic coding is never superseded and has no reason (only a person's correction gives one).
        ["statement_codings"] = ["reason", "superseded_at"],
        // Nothing references a target within a batch, so its id comes from the identity column.
        ["coding_targets"] = ["id"],
    };

    [Fact]
    public void Every_column_of_the_EF_model_is_copied_or_deliberately_left_to_its_default()
    {
        using var db = database.CreateContext();
        var tables = db.Model.GetRelationalModel().Tables.Where(t => t.Schema == "app").ToDictionary(t => t.Name);
        foreach (var (table, list) in DocumentRows.CopyColumns)
        {
            var copied = Columns(list);
            var model = tables[table].Columns.Select(c => c.Name).Where(c => c != "xmin").ToHashSet();
            Assert.Empty(copied.Except(model)); // a COPY column the model does not know
            Assert.Equal(model.Except(LeftToDefault[table]).Order(), copied.Order());
        }
    }

    [Fact]
    public async Task Every_document_column_a_reporting_view_reads_exists_in_the_model_and_is_written_by_COPY()
    {
        using var db = database.CreateContext();
        var model = db.Model.GetRelationalModel().Tables.Where(t => t.Schema == "app")
            .ToDictionary(t => t.Name, t => t.Columns.Select(c => c.Name).ToHashSet());
        var read = new List<(string Table, string Column)>();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            // The app table columns that the rules of the reporting views (and the snapshot sources they read) depend on.
            await using var command = new NpgsqlCommand("""
                SELECT DISTINCT t.relname, a.attname
                FROM pg_depend d
                JOIN pg_rewrite r ON r.oid = d.objid
                JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace
                JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                  AND vn.nspname IN ('reporting', 'app') AND v.relname NOT LIKE 'pg_%'
                  AND tn.nspname = 'app' AND t.relkind IN ('r', 'p')
                """, connection);
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync()) read.Add((rows.GetString(0), rows.GetString(1)));
        }
        Assert.Contains(read, r => r.Table == "statements"); // the query found the views' dependencies at all

        foreach (var (table, column) in read.Where(r => model.ContainsKey(r.Table)))
            Assert.True(model[table].Contains(column), $"reporting reads app.{table}.{column}, which the EF Core model does not have");
        foreach (var (table, column) in read.Where(r => DocumentRows.CopyColumns.ContainsKey(r.Table)))
            Assert.True(Columns(DocumentRows.CopyColumns[table]).Contains(column) || LeftToDefault[table].Contains(column),
                $"reporting reads app.{table}.{column}, which the COPY path does not write");
    }

    private static HashSet<string> Columns(string list) => list.Split(',', StringSplitOptions.TrimEntries).ToHashSet();
}
