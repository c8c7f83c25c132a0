using Diplotrack.Features.Ingestion;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Tests.Jobs;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Reliability;

/// <summary>Issue 17, item 10: the same content stored concurrently is one document, and the losers are an outcome, not an error.</summary>
public class DuplicateLoggingTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task Concurrent_copies_of_one_content_log_no_error_and_each_duplicate_at_information()
    {
        var log = new CapturedLog();
        await using var services = JobServices.Create(database, configure: s => s.AddSingleton(log.Factory()));
        var page = Transcript(new DateOnly(2019, 7, 9), "耿爽", Qa("中方对此有何评论？", "中方愿同各方共同努力，维护地区和平稳定与繁荣。"));
        var parsed = services.GetRequiredService<TranscriptReader>().Read(new SourceFile("race.shtml", System.Text.Encoding.UTF8.GetBytes(page)));
        const int racers = 8;

        // Each racer in its own scope and transaction, as the inbox does: all find no document, then all insert.
        using var start = new Barrier(racers);
        var results = await Task.WhenAll(Enumerable.Range(0, racers).Select(_ => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Diplotrack.Data.DiplotrackDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            start.SignalAndWait();
            var stored = await scope.ServiceProvider.GetRequiredService<DocumentStore>().SaveAsync(parsed, "racer", default);
            await tx.CommitAsync();
            return stored;
        })));

        Assert.Single(results.Select(r => r.DocumentId).Distinct());
        Assert.Equal(1, results.Count(r => r.Outcome == StoreOutcome.Created));
        var noisy = log.Entries.Where(e => e.Level >= LogLevel.Warning || e.Exception is not null).ToList();
        Assert.True(noisy.Count == 0, string.Join("\n", noisy.Select(e => $"{e.Level} {e.Category}: {e.Message.Split('\n')[0]}")));
        var duplicates = log.Entries.Where(e => e.Category == typeof(DocumentStore).FullName && e.Message.Contains("already stored")).ToList();
        Assert.Equal(racers - 1, duplicates.Count);
        Assert.All(duplicates, e => Assert.Equal(LogLevel.Information, e.Level));
        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Documents.CountAsync(d => d.Sha256 == parsed.Sha256));
    }
}
