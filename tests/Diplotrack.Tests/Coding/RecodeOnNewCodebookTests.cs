using Diplotrack.Features.Coding;
using Diplotrack.Features.Coding.Recoding;
using Diplotrack.Features.Database;
using Diplotrack.Hosting;
using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Coding;

public class RecodeOnNewCodebookTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task Starting_with_a_changed_codebook_queues_a_recode_that_moves_every_automatic_coding_to_the_new_version()
    {
        // Pretend the stored codebook differs from seed/codebook, as after a developer edits the CSV files.
        await database.ScalarAsync<int>("UPDATE app.codebook_versions SET content_sha256 = repeat('0', 64) RETURNING 1");
        await using var services = AppServices.Create(database);

        await StartupTasks.RunAsync(services, default);

        var queued = await database.ScalarAsync<long>(
            "SELECT count(*) FROM hangfire.job WHERE statename = 'Enqueued' AND invocationdata::text LIKE '%RecodeBackgroundJob%'");
        Assert.Equal(1, queued);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RecodeBackgroundJob>().RunAsync(default);

        await using var db = database.CreateContext();
        var newest = await db.CodebookVersions.MaxAsync(v => v.Id);
        Assert.True(newest > database.Seed.Codebook.Version);
        var current = await db.StatementCodings.Where(c => c.IsCurrent).Select(c => c.CodebookVersionId).Distinct().ToListAsync();
        Assert.Equal([newest], current);
    }
}
