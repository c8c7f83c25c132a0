using Diplotrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Diplotrack.Migrations;

/// <summary>
/// Lets `dotnet ef` build the model without starting the app. Adding a migration needs no database; applying one
/// from the tool uses DIPLOTRACK_DB.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DiplotrackDbContext>
{
    public DiplotrackDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable(DiplotrackDatabase.EnvironmentVariable)
            ?? "Host=127.0.0.1;Database=diplotrack;Username=postgres";
        var options = new DbContextOptionsBuilder<DiplotrackDbContext>();
        options.UseDiplotrack(connectionString);
        return new DiplotrackDbContext(options.Options);
    }
}
