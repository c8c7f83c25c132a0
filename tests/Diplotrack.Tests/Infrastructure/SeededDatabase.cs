using Diplotrack.Features.Ingestion.Seed;
using Diplotrack.Features.Coding.Codebooks;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Infrastructure;

/// <summary>A test database loaded once with <c>seed/</c> by the app's own <see cref="Seeder"/>.</summary>
public class SeededDatabase : TestDatabase
{
    public SeedReport Seed { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Seed = await SeedAsync();
    }

    public async Task<SeedReport> SeedAsync()
    {
        await using var services = AppServices.Create(this);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(CancellationToken.None);
    }
}
