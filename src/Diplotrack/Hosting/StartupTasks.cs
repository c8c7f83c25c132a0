using Diplotrack.Data;
using Diplotrack.Features.Database;
using Diplotrack.Features.Seeding;

namespace Diplotrack.Hosting;

/// <summary>What <c>serve</c> does before it listens: migrate, then load <c>seed/</c> (a no-op once loaded).</summary>
public static class StartupTasks
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Diplotrack.Startup");
        var applied = await MigrateCommand.MigrateAsync(scope.ServiceProvider.GetRequiredService<DiplotrackDbContext>(), ct);
        if (applied.Count > 0) log.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
        var seed = await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(ct);
        foreach (var error in seed.Errors) log.LogError("Seed document refused: {Error}", error);
    }
}
