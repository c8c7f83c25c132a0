using Diplotrack.Features.Jobs.Inbox;
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
    public async Task An_ingested_file_schedules_its_stance_recompute_and_that_job_produces_stance_rows_for_it()
    {
        using var inbox = new TempFolder();
        Write(inbox.Path, "briefing.shtml", Transcript(new DateOnly(2019, 5, 6), "耿爽",
            Qa("美方宣布对中国企业加征关税，中方有何回应？", "中方坚决反对美方的单边主义和保护主义做法。我们敦促美方立即纠正错误。")));
        await using var services = JobServices.Create(database);

        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "tester", default);
        var documentId = Assert.Single(result.Files).DocumentId!.Value;

        // The worker will run this job shortly after the commit; the test runs it in place of the worker.
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM hangfire.job WHERE statename = 'Scheduled' AND invocationdata::text LIKE '%RecomputeDocumentAsync%' AND arguments::text LIKE @id", connection);
            command.Parameters.AddWithValue("id", $"%{documentId}%");
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        }
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<StanceBackgroundJobs>().RecomputeDocumentAsync(documentId, default);

        await using var db = database.CreateContext();
        var us = await db.StanceObservations.Where(o => o.TargetActorId == "US" && o.DocumentId == documentId).ToListAsync();
        Assert.NotEmpty(us);
        Assert.All(us, o => Assert.True(o.StanceIndex < 0, $"stance toward the US {o.StanceIndex}"));
    }
}
