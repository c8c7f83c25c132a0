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
}
