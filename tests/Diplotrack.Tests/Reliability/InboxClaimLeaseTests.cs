using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Tests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Reliability;

/// <summary>
/// Issue 17, item 5: a claimed inbox file is held by its run's lease (a PostgreSQL session lock), not by a clock:
/// the claim of a run that died is taken back by the next run at once, and that run is marked failed instead of
/// <c>running</c> forever; the claim of a live run is left alone however long it takes.
/// </summary>
public class InboxClaimLeaseTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private static string Page(int day, string answer) =>
        Transcript(new DateOnly(2019, 8, day), "耿爽", Qa("中方对此有何评论？", answer), Qa("还有别的问题吗？", "没有了。"));

    [Fact]
    public async Task The_claim_of_a_run_that_died_a_moment_ago_is_taken_back_at_once_and_the_run_is_marked_failed()
    {
        using var inbox = new TempFolder();
        // A run that started a moment ago and whose process is gone: its row says running, nobody holds its lease.
        var dead = await database.ScalarAsync<long>(
            "INSERT INTO app.ingestion_runs (\"trigger\", started_at, status, created, duplicates, updated, failed) " +
            "VALUES ('inbox', now(), 'running', 0, 0, 0, 0) RETURNING id");
        Directory.CreateDirectory(inbox.Combine("processing"));
        Write(inbox.Path, $"processing/run{dead}~late.shtml", Page(12, "中方主张通过对话协商和平解决争端。"));
        await using var services = JobServices.Create(database);

        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "tester", default);

        Assert.Equal("late.shtml: created", $"{Assert.Single(result.Files).FileName}: {result.Files[0].Outcome}");
        Assert.Empty(Directory.EnumerateFiles(inbox.Combine("processing")));
        await using var db = database.CreateContext();
        var run = await db.IngestionRuns.SingleAsync(r => r.Id == dead);
        Assert.Equal("failed", run.Status);
        Assert.NotNull(run.FinishedAt);
        Assert.StartsWith("died", run.Error);
    }

    [Fact]
    public async Task The_claim_of_a_live_run_is_left_alone_however_long_it_has_been_running()
    {
        using var inbox = new TempFolder();
        // A live run (this test holds its lease) that started two hours ago, beyond any time-based staleness.
        await using var live = await RunLease.StartAsync(database.ConnectionString, "inbox", null, DateTimeOffset.UtcNow.AddHours(-2), default);
        Directory.CreateDirectory(inbox.Combine("processing"));
        var claimed = $"processing/run{live.RunId}~busy.shtml";
        Write(inbox.Path, claimed, Page(13, "中方一贯支持多边主义。"));
        await using var services = JobServices.Create(database);

        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "tester", default);

        Assert.Empty(result.Files);
        Assert.True(File.Exists(inbox.Combine(claimed)));
        await using var db = database.CreateContext();
        Assert.Equal("running", (await db.IngestionRuns.SingleAsync(r => r.Id == live.RunId)).Status);
    }
}
