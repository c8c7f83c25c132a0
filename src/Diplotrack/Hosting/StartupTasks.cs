using Diplotrack.Data;
using Diplotrack.Features.Database;
using Diplotrack.Features.Ingestion.Seed;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Users;
using Hangfire;

namespace Diplotrack.Hosting;

/// <summary>What <c>serve</c> does before it listens: migrate, create roles and the first admin, load <c>seed/</c> (a no-op once loaded).</summary>
public static class StartupTasks
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Diplotrack.Startup");
        var applied = await MigrateCommand.MigrateAsync(scope.ServiceProvider.GetRequiredService<DiplotrackDbContext>(), ct);
        if (applied.Count > 0) log.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
        // Before the seed: a seed problem must not leave a fresh install without anyone able to sign in.
        await EnsureFirstAdminAsync(scope.ServiceProvider, ct);
        var seed = await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(ct);
        foreach (var error in seed.Errors) log.LogError("Seed document refused: {Error}", error);
        if (seed.Codebook.Created && seed.DocumentsPresent > 0)
        {
            // Documents coded under an older codebook: re-code them in the background (a worker picks it up).
            scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>()
                .Enqueue<Features.Coding.Recoding.RecodeBackgroundJob>(j => j.RunAsync(CancellationToken.None));
            log.LogInformation("Codebook v{Version} loaded: re-coding queued", seed.Codebook.Version);
        }
    }

    /// <summary>Roles always; an admin with a generated password only when nobody can sign in yet (printed by WebApp.PrintWhereToLook).</summary>
    public static async Task EnsureFirstAdminAsync(IServiceProvider services, CancellationToken ct)
    {
        var email = services.GetRequiredService<IConfiguration>()["Admin:Email"];
        var created = await services.GetRequiredService<UserAdmin>().EnsureFirstAdminAsync(email, ct);
        if (created is { Succeeded: false }) throw new InvalidOperationException("Cannot create the first admin: " + string.Join("; ", created.Errors));
        if (created is { Succeeded: true })
        {
            var notice = services.GetRequiredService<FirstAdminNotice>();
            notice.Email = created.User!.Email;
            notice.Password = created.Password;
        }
    }
}
