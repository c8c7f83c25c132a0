using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Tests.Database;

public class MigrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrations_create_the_app_schema_with_snake_case_tables()
    {
        var tables = await database.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'app' AND table_name IN " +
            "('documents', 'exchanges', 'statements', 'statement_codings', 'coding_targets', 'actors', 'users')");
        Assert.Equal(7, tables);
    }

    [Fact]
    public async Task The_model_has_no_changes_that_no_migration_holds()
    {
        await using var db = database.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> (see README)");
    }
}
