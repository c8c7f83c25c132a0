using System.CommandLine;
using Diplotrack.Data;
using Diplotrack.Verbs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Diplotrack.Features.Database;

public static class MigrateCommand
{
    public static Command Create(CliRunner run)
    {
        var command = new Command("migrate", "Apply pending database migrations (serve also does this on start).");
        command.SetAction((_, ct) => run(async (services, token) =>
        {
            var applied = await MigrateAsync(services.GetRequiredService<DiplotrackDbContext>(), token);
            Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        }, ct));
        return command;
    }

    /// <summary>Applies pending migrations and returns their names.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(DiplotrackDbContext db, CancellationToken ct)
    {
        // On a fresh database EF Core reads the history table before creating it and logs that as a failed
        // command; creating it first keeps a first start's log free of false alarms.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) await db.Database.MigrateAsync(ct);
        return pending;
    }
}
