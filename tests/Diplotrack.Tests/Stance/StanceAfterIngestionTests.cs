using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Features.Stance;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Tests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Stance;

public class StanceAfterIngestionTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task An_ingested_file_queues_its_stance_recompute_and_the_drain_produces_stance_rows_for_it()
    {
        using var inbox = new TempFolder();
        Write(inbox.Path, "briefing.shtml", Transcript(new DateOnly(2019, 5, 6), "耿爽",
            Qa("美方宣布对中国企业加征关税，中方有何回应？", "中方坚决反对美方的单边主义和保护主义做法。我们敦促美方立即纠正错误。")));
        await using var services = JobServices.Create(database);

        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "tester", default);
        var documentId = Assert.Single(result.Files).DocumentId!.Value;

        // Queued with the document (same transaction), and a drain scheduled for after the commit.
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM app.stance_pending WHERE document_id = {documentId}"));
        Assert.True(await ScalarAsync("SELECT count(*) FROM hangfire.job WHERE statename = 'Scheduled' AND invocationdata::text LIKE '%RecomputePendingAsync%'") >= 1);

        // The worker runs the drain shortly after the commit; the test runs it in place of the worker.
        await DrainAsync(services);

        await using var db = database.CreateContext();
        var us = await db.StanceObservations.Where(o => o.TargetActorId == "US" && o.DocumentId == documentId).ToListAsync();
        Assert.NotEmpty(us);
        Assert.All(us, o => Assert.True(o.StanceIndex < 0, $"stance toward the US {o.StanceIndex}"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM app.stance_pending"));
    }

    [Fact]
    public async Task Files_dropped_together_are_recomputed_by_one_drain_and_the_other_drains_do_nothing()
    {
        using var inbox = new TempFolder();
        for (var day = 6; day <= 8; day++)
            Write(inbox.Path, $"briefing-{day}.shtml", Transcript(new DateOnly(2019, 5, day), "耿爽",
                Qa($"日本{day}日的举动，中方有何评论？", "中方对此表示严重关切。我们敦促日方停止挑衅。")));
        await using var services = JobServices.Create(database);

        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "tester", default);
        var documents = result.Files.Select(f => f.DocumentId!.Value).ToArray();
        Assert.Equal(3, documents.Length);

        // Three drains are scheduled (one per file); the first recomputes all three documents at once.
        await DrainAsync(services);
        await using (var db = database.CreateContext())
            Assert.Equal(3, await db.StanceObservations.Where(o => o.TargetActorId == "JP" && o.DocumentId != null && documents.Contains(o.DocumentId.Value))
                .Select(o => o.DocumentId).Distinct().CountAsync());
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM app.stance_pending"));

        // The other drains find the queue empty and write nothing (same rows, same row versions).
        const string Written = "SELECT (SELECT coalesce(sum(xmin::text::bigint), 0) FROM app.stance_observations) + (SELECT coalesce(sum(xmin::text::bigint), 0) FROM app.stance_changes)";
        var before = await ScalarAsync(Written);
        await DrainAsync(services);
        await DrainAsync(services);
        Assert.Equal(before, await ScalarAsync(Written));
    }

    [Fact]
    public async Task The_nightly_full_recompute_empties_the_queue()
    {
        await using var services = JobServices.Create(database);
        var documentId = await ScalarAsync("SELECT min(id) FROM app.documents");
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<StanceQueue>().QueueAsync(documentId, StanceQueue.IngestionDelay, default);
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM app.stance_pending WHERE document_id = {documentId}"));

        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<StanceBackgroundJobs>().RecomputeAllAsync(default);

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM app.stance_pending"));
    }

    private static async Task DrainAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StanceBackgroundJobs>().RecomputePendingAsync(default);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
