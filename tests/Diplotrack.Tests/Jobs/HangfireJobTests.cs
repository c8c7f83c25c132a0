using Diplotrack.Features.Stance;
using Diplotrack.Hosting;
using Diplotrack.Features.Ingestion;
using Diplotrack.Tests.Infrastructure;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Jobs;

/// <summary>The ingestion jobs under a real Hangfire server on the test database's <c>hangfire</c> schema.</summary>
public class HangfireJobTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private PostgreSqlStorage Storage()
    {
        var options = BackgroundJobs.StorageOptions();
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
    }

    [Fact]
    public async Task A_failing_inbox_job_is_retried_by_Hangfire_and_leaves_no_partial_rows()
    {
        using var inbox = new TempFolder();
        Write(inbox.Path, "retry.shtml", Transcript(new DateOnly(2019, 6, 3), "陆慷", Qa("中方如何看待这次会谈？", "会谈取得了积极成果。")));
        await using var services = JobServices.Create(database, new Dictionary<string, string?> { ["Inbox:Path"] = inbox.Path },
            s => FlakyJobClient.Replace(s, failures: 1));
        var storage = Storage();
        // Hangfire's own retry filter, with a one-second delay instead of its production back-off.
        var filters = new JobFilterCollection { new AutomaticRetryAttribute { Attempts = 3, DelaysInSeconds = [1] } };
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 1,
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            FilterProvider = filters,
            Activator = new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()),
            ServerName = "jobs-test",
        }, storage);

        var jobId = new BackgroundJobClient(storage, filters).Enqueue<IngestionJobs>(j => j.IngestInboxAsync(null, CancellationToken.None));

        var state = await WaitForFinalStateAsync(storage, jobId, TimeSpan.FromSeconds(60));
        Assert.Equal("Succeeded", state);
        using (var connection = storage.GetConnection())
            Assert.Equal("1", connection.GetJobParameter(jobId, "RetryCount"));

        await using var db = database.CreateContext();
        var runs = await db.IngestionRuns.Where(r => r.JobId == jobId).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(["failed", "succeeded"], runs.Select(r => r.Status));
        Assert.Equal(0, await db.IngestionFiles.CountAsync(f => f.RunId == runs[0].Id)); // the failed attempt left nothing
        var file = await db.IngestionFiles.SingleAsync(f => f.RunId == runs[1].Id);
        Assert.Equal("created", file.Outcome);
        Assert.Equal(1, await db.Documents.CountAsync(d => d.NormalisedText.Contains("会谈取得了积极成果")));
        Assert.True(File.Exists(inbox.Combine("processed", "retry.shtml")));
        // The follow-up committed with the document: its stance recompute is queued (or a worker has already drained it).
        var monitor = storage.GetMonitoringApi();
        var drain = nameof(StanceBackgroundJobs.RecomputePendingAsync);
        Assert.True(await db.StancePending.AnyAsync(p => p.DocumentId == file.DocumentId)
                    || monitor.ProcessingJobs(0, 100).Any(j => j.Value.Job?.Method.Name == drain)
                    || monitor.SucceededJobs(0, 100).Any(j => j.Value.Job?.Method.Name == drain));
    }

    [Fact]
    public async Task Recurring_jobs_are_registered_with_stable_ids_and_the_configured_cron_and_an_empty_cron_removes_one()
    {
        var storage = Storage();
        var manager = new RecurringJobManager(storage);
        async Task RegisterAsync(JobsOptions o) =>
            await new RecurringJobsRegistration(manager, Options.Create(o), NullLogger<RecurringJobsRegistration>.Instance).StartAsync(default);

        await RegisterAsync(new JobsOptions { InboxCron = "*/2 * * * *", SourcesCron = "0 */6 * * *", RefetchCron = "15 4 * * *", StanceCron = "0 3 * * *" });
        await RegisterAsync(new JobsOptions { InboxCron = "*/2 * * * *", SourcesCron = "0 */6 * * *", RefetchCron = "", StanceCron = "0 3 * * *" });

        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs().OrderBy(j => j.Id).Select(j => (j.Id, j.Cron, j.Job.Method.Name)).ToList();
        Assert.Equal([("ingest-inbox", "*/2 * * * *", "IngestInboxAsync"), ("poll-sources", "0 */6 * * *", "PollSourcesAsync"),
            ("stance-nightly", "0 3 * * *", "RecomputeAllAsync")], jobs);
        Assert.Equal("* * * * *", new JobsOptions().InboxCron); // every minute unless configured
    }

    private static async Task<string> WaitForFinalStateAsync(JobStorage storage, string jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
            if (state is "Succeeded" or "Failed" or "Deleted" || DateTime.UtcNow > deadline) return state ?? "none";
            await Task.Delay(200);
        }
    }
}
