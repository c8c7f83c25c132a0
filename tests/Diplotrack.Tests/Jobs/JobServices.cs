using Diplotrack.Features.Stance;
using Hangfire;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Jobs;

/// <summary>The app's real services for the job tests (test databases come seeded: codebook and actors).</summary>
public static class JobServices
{
    public static ServiceProvider Create(TestDatabase database, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        // The local test sites need no politeness delay between requests.
        var values = new Dictionary<string, string?> { ["Sources:RequestDelayMilliseconds"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return AppServices.Create(database, values, configure);
    }

    /// <summary>
    /// Deletes the stance drains scheduled so far (the fixture's seeding schedules some), so that the next document
    /// queued schedules its own: StanceQueue lets a document ride on a drain already due within its delay.
    /// </summary>
    public static void DeleteScheduledDrains(ServiceProvider services)
    {
        var storage = services.GetRequiredService<JobStorage>();
        var client = new BackgroundJobClient(storage);
        foreach (var job in storage.GetMonitoringApi().ScheduledJobs(0, 1000))
            if (job.Value.Job?.Method.Name == nameof(StanceBackgroundJobs.RecomputePendingAsync)) client.Delete(job.Key);
    }
}
