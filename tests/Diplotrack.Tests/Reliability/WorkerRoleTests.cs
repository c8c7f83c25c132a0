using System.Net;
using Diplotrack.Data;
using Diplotrack.Hosting;
using Diplotrack.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Diplotrack.Tests.Reliability;

/// <summary>Issue 17, item 6: workers open no web port (a health port only when asked), so several share a host.</summary>
public sealed class WorkerRoleTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _inbox = Directory.CreateTempSubdirectory("diplotrack-worker-inbox-").FullName;

    public void Dispose() => Directory.Delete(_inbox, recursive: true);

    private WebApplication Worker(string? healthUrls) => WebApp.Build(ServeRole.Worker, healthUrls,
        builder => builder.Logging.SetMinimumLevel(LogLevel.Warning),
        new Dictionary<string, string?>
        {
            [DiplotrackDatabase.EnvironmentVariable] = database.ConnectionString,
            ["Inbox:Path"] = _inbox,
            // No recurring job may fire during the test: only the hosting is under test.
            ["Jobs:InboxCron"] = "", ["Jobs:SourcesCron"] = "", ["Jobs:RefetchCron"] = "", ["Jobs:StanceCron"] = "",
        });

    private static ICollection<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];

    private static async Task StopAsync(WebApplication app)
    {
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Two_workers_start_on_one_host_without_any_listening_address_and_advertise_no_UI_or_API()
    {
        var first = Worker(null);
        var second = Worker(null);
        try
        {
            await first.StartAsync();
            await second.StartAsync();

            Assert.Empty(Addresses(first));
            Assert.Empty(Addresses(second));
            var banner = new StringWriter();
            WebApp.PrintWhereToLook(first, ServeRole.Worker, banner);
            Assert.Contains("role: worker", banner.ToString());
            Assert.DoesNotContain("Admin UI", banner.ToString());
            Assert.DoesNotContain("/api/v1", banner.ToString());
            Assert.DoesNotContain("http://", banner.ToString());
        }
        finally
        {
            await StopAsync(second);
            await StopAsync(first);
        }
    }

    [Fact]
    public async Task A_worker_given_a_health_address_serves_health_there_and_nothing_else()
    {
        var worker = Worker("http://127.0.0.1:0");
        try
        {
            await worker.StartAsync();
            var address = Assert.Single(Addresses(worker));
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/documents")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/account/login")).StatusCode);
            var banner = new StringWriter();
            WebApp.PrintWhereToLook(worker, ServeRole.Worker, banner);
            Assert.Contains($"Health:     {address}/health/ready", banner.ToString());
            Assert.DoesNotContain("Admin UI", banner.ToString());
        }
        finally
        {
            await StopAsync(worker);
        }
    }
}
