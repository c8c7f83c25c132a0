using Diplotrack.Data;
using Diplotrack.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Diplotrack.Tests.Infrastructure;

/// <summary>The app's real service registrations, pointed at a test database.</summary>
public static class AppServices
{
    // Hangfire keeps the logger factory of the last container that configured it in a static; a factory the
    // container did not create is never disposed with it, so later tests never log into a disposed factory.
    private static readonly ILoggerFactory SharedLoggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));

    public static ServiceProvider Create(TestDatabase database, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            [DiplotrackDatabase.EnvironmentVariable] = database.ConnectionString,
            ["Seed:Directory"] = Repository.Seed,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(SharedLoggerFactory);
        services.AddDiplotrackCore(configuration);
        configure?.Invoke(services); // a test's replacements (clock, formats) win: they are registered last
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
