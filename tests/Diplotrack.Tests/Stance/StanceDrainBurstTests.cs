using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Features.Stance;
using Diplotrack.Jobs;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Stance;

/// <summary>A burst of documents schedules one stance drain (issue 13: 20 files dropped at once scheduled 20, 19 of them idle).</summary>
public class StanceDrainBurstTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private static string ScheduledDrainsAfter(long jobId) =>
        $"SELECT count(*) FROM hangfire.job WHERE id > {jobId} AND statename = 'Scheduled' AND invocationdata::text LIKE '%RecomputePendingAsync%'";

    [Fact]
    public async Task Twenty_files_dropped_at_once_schedule_one_drain_that_recomputes_them_all()
    {
        using var inbox = new TempFolder();
        for (var i = 1; i <= 20; i++)
            Write(inbox.Path, $"briefing-{i:00}.shtml", Transcript(new DateOnly(2018, 3, i), "耿爽",
                Qa($"第{i}个问题，中方有何评论？", "中方对此表示严重关切。我们敦促日方停止挑衅。")));
        await using var services = JobServices.Create(database);
        JobServices.DeleteScheduledDrains(services);
        var lastJob = await database.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM hangfire.job");
        var queuedBefore = await database.ScalarAsync<long>("SELECT count(*) FROM app.stance_pending"); // the seed's documents

        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "tester", default);

        Assert.Equal(20, result.Created);
        Assert.Equal(queuedBefore + 20, await database.ScalarAsync<long>("SELECT count(*) FROM app.stance_pending"));
        Assert.Equal(1L, await database.ScalarAsync<long>(ScheduledDrainsAfter(lastJob)));

        await using (var scope = services.CreateAsyncScope())
            Assert.Equal($"{queuedBefore + 20} documents", await scope.ServiceProvider.GetRequiredService<StanceBackgroundJobs>().RecomputePendingAsync(default));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM app.stance_pending"));
        // Nothing was left for another run, so the drain queued no follow-up; a second one would find nothing.
        Assert.Equal(0L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM hangfire.job WHERE id > {lastJob} AND statename = 'Enqueued' AND invocationdata::text LIKE '%RecomputePendingAsync%'"));
        await using (var scope = services.CreateAsyncScope())
            Assert.Equal(IdleJobsFilter.Idle, await scope.ServiceProvider.GetRequiredService<StanceBackgroundJobs>().RecomputePendingAsync(default));
    }
}
