using Diplotrack.Data.Coding;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Coding;
using Diplotrack.Features.Coding.Recoding;
using Diplotrack.Features.Database;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Text.Codebook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Coding;

public class RecodeTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task A_new_codebook_version_recodes_automatic_codings_keeps_the_old_ones_and_never_overrides_a_manual_coding()
    {
        await using var services = AppServices.Create(database);
        long manualStatementId;
        await using (var db = database.CreateContext())
        {
            // A person corrects one statement: their coding becomes current.
            var auto = await db.StatementCodings.Include(c => c.Statement).FirstAsync(c => c.IsCurrent && c.Statement!.Kind == "answer");
            manualStatementId = auto.StatementId;
            auto.IsCurrent = false;
            auto.SupersededAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
            db.StatementCodings.Add(new StatementCoding
            {
                StatementId = manualStatementId, Origin = StatementCoding.Manual, CodebookVersionId = auto.CodebookVersionId,
                Themes = ["trade"], IsCurrent = true, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "editor", Reason = "test",
                Targets = [new CodingTarget { ActorId = "RU", Stance = -1, Source = "explicit", Confidence = 1 }],
            });
            await db.SaveChangesAsync();
        }

        // An admin adds an alias: a new codebook version.
        int newVersion;
        await using (var scope = services.CreateAsyncScope())
        {
            var seeded = CodebookLoader.Load(Path.Combine(Repository.Seed, "codebook"));
            var changed = seeded with { Aliases = [.. seeded.Aliases, new ActorAlias("RU", "克里姆林宫方面", "name")] };
            var stored = await scope.ServiceProvider.GetRequiredService<CodebookService>().StoreAsync(changed, "admin", "alias", default);
            Assert.True(stored.Created);
            newVersion = stored.Version;
        }
        Assert.True(newVersion > database.Seed.Codebook.Version);

        RecodeReport report;
        await using (var scope = services.CreateAsyncScope())
            report = await scope.ServiceProvider.GetRequiredService<Recoder>().RecodeAsync(default);

        await using (var db = database.CreateContext())
        {
            var statements = await db.Statements.CountAsync();
            Assert.Equal(statements, report.Statements);
            Assert.Equal(1, report.KeptManual);
            var current = await db.StatementCodings.Where(c => c.IsCurrent).ToListAsync();
            Assert.Equal(statements, current.Count);
            var manual = Assert.Single(current, c => c.Origin == StatementCoding.Manual);
            Assert.Equal(manualStatementId, manual.StatementId);
            Assert.All(current.Where(c => c.Origin == StatementCoding.Auto), c => Assert.Equal(newVersion, c.CodebookVersionId));
            // The old automatic codings are kept for reproducibility, superseded.
            Assert.Equal(statements, await db.StatementCodings.CountAsync(c => c.CodebookVersionId == database.Seed.Codebook.Version && c.Origin == StatementCoding.Auto));
        }

        // Running it again finds nothing to do.
        await using (var scope = services.CreateAsyncScope())
            Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<Recoder>().RecodeAsync(default)).Statements);
    }
}
