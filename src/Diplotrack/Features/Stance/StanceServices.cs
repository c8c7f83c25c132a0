namespace Diplotrack.Features.Stance;

public static class StanceServices
{
    /// <summary>The stance jobs, scoped like the DbContext they use (one per job run or CLI call).</summary>
    public static IServiceCollection AddStance(this IServiceCollection services) => services
        .AddScoped<StanceJobs>()
        .AddScoped<DerivedData>()
        .AddScoped<StanceBackgroundJobs>()
        .AddScoped<StanceQueue>();
}
