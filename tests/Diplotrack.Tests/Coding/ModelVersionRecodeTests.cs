using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Coding.Recoding;
using Diplotrack.Features.Database;
using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Coding;

/// <summary>
/// Each automatic coding records the learned model that refined it (issue 12), and a re-code re-codes what an older
/// model coded, through the per-document and the bulk path, leaving codings of the current model alone.
/// </summary>
public class ModelVersionRecodeTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task Codings_carry_the_model_version_and_recode_replaces_only_those_of_an_older_model()
    {
        await using var services = AppServices.Create(database);
        string? model;
        await using (var scope = services.CreateAsyncScope())
            model = (await scope.ServiceProvider.GetRequiredService<CodebookService>().CurrentCoderAsync(default)).ModelVersion;
        Assert.NotNull(model);   // seed/models/coder.model is committed: the product codes with it

        long staleStatement;
        int statements;
        await using (var db = database.CreateContext())
        {
            statements = await db.Statements.CountAsync();
            Assert.Equal(statements, await db.StatementCodings.CountAsync(c => c.IsCurrent && c.ModelVersion == model));
            // As if an earlier model had coded one statement.
            staleStatement = await db.Statements.Where(s => s.Kind == "answer").OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            await db.StatementCodings.Where(c => c.StatementId == staleStatement && c.IsCurrent)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.ModelVersion, "0123456789abcdef"));
        }

        RecodeReport report;
        await using (var scope = services.CreateAsyncScope())
            report = await scope.ServiceProvider.GetRequiredService<Recoder>().RecodeAsync(default);
        Assert.Equal(model, report.ModelVersion);
        Assert.Equal(1, report.Documents);
        Assert.Equal(1, report.Statements);   // the other statements of the document are up to date

        await using (var db = database.CreateContext())
        {
            var current = await db.StatementCodings.SingleAsync(c => c.StatementId == staleStatement && c.IsCurrent);
            Assert.Equal(model, current.ModelVersion);
            var old = await db.StatementCodings.SingleAsync(c => c.StatementId == staleStatement && !c.IsCurrent);
            Assert.Equal("0123456789abcdef", old.ModelVersion);   // kept, superseded, for reproducibility
            Assert.NotNull(old.SupersededAt);
        }

        // The bulk path reads the same staleness: nothing to do now, one statement after another model change.
        await using (var scope = services.CreateAsyncScope())
        {
            var coder = await scope.ServiceProvider.GetRequiredService<CodebookService>().CurrentCoderAsync(default);
            var bulk = scope.ServiceProvider.GetRequiredService<BulkRecoder>();
            Assert.Equal(0, (await bulk.RecodeAsync(coder, new BulkOptions(), default)).Codings);
            await using (var db = database.CreateContext())
                await db.StatementCodings.Where(c => c.StatementId == staleStatement && c.IsCurrent)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.ModelVersion, (string?)null));
            var again = await bulk.RecodeAsync(coder, new BulkOptions(), default);
            Assert.Equal(1, again.Codings);
        }
        await using (var db = database.CreateContext())
            Assert.Equal(statements, await db.StatementCodings.CountAsync(c => c.IsCurrent && c.ModelVersion == model));
    }
}
