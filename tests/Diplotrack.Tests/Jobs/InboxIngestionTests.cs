using Hangfire;
using System.Text;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Jobs;

public class InboxIngestionTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private static string Page(int day, string answer) =>
        Transcript(new DateOnly(2019, 5, day), "耿爽", Qa("中方对此有何评论？", answer), Qa("还有别的问题吗？", "没有了。"));

    [Fact]
    public async Task A_good_file_is_stored_and_moved_to_processed()
    {
        using var inbox = new TempFolder();
        Write(inbox.Path, "briefing.shtml", Page(6, "我们注意到有关报道，中方坚持和平发展。"));
        await using var services = JobServices.Create(database);

        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "tester", default);

        var file = Assert.Single(result.Files);
        Assert.Equal(InboxIngestion.Created, file.Outcome);
        Assert.False(File.Exists(inbox.Combine("briefing.shtml")));
        Assert.True(File.Exists(inbox.Combine("processed", "briefing.shtml")));
        Assert.Empty(Directory.EnumerateFiles(inbox.Combine("processing")));
        await using var db = database.CreateContext();
        var row = await db.IngestionFiles.SingleAsync(f => f.RunId == result.RunId);
        Assert.Equal(("created", file.DocumentId, "processed/briefing.shtml"), (row.Outcome, row.DocumentId, row.MovedTo));
        var document = await db.Documents.Include(d => d.Statements).SingleAsync(d => d.Id == row.DocumentId);
        Assert.Equal(new DateOnly(2019, 5, 6), document.Date);
        Assert.Contains(document.Statements, s => s.Text.Contains("和平发展"));
        var run = await db.IngestionRuns.SingleAsync(r => r.Id == result.RunId);
        Assert.Equal(("succeeded", 1, 0), (run.Status, run.Created, run.Failed));
    }

    [Fact]
    public async Task Broken_files_go_to_failed_with_their_error_recorded_and_store_nothing()
    {
        using var inbox = new TempFolder();
        File.WriteAllBytes(inbox.Combine("empty.shtml"), []);
        // A Chinese transcript saved in GBK instead of UTF-8.
        File.WriteAllBytes(inbox.Combine("gbk.txt"), CodePagesGbk("问：中方对此有何评论？\n答：我们注意到有关报道。"));
        Write(inbox.Path, "not-a-transcript.shtml", Listing(0, 1, ("./t1.shtml", "标题", new DateOnly(2019, 5, 7))));
        await using var services = JobServices.Create(database);
        await using var db = database.CreateContext();
        var documentsBefore = await db.Documents.CountAsync();

        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "tester", default);

        Assert.Equal(["empty.shtml: failed", "gbk.txt: failed", "not-a-transcript.shtml: failed"],
            result.Files.Select(f => $"{f.FileName}: {f.Outcome}").Order());
        foreach (var name in new[] { "empty.shtml", "gbk.txt", "not-a-transcript.shtml" })
        {
            Assert.True(File.Exists(inbox.Combine("failed", name)), name);
            var row = await db.IngestionFiles.SingleAsync(f => f.RunId == result.RunId && f.FileName == name);
            Assert.Equal("failed", row.Outcome);
            Assert.Null(row.DocumentId);
            Assert.False(string.IsNullOrWhiteSpace(row.Error), name);
        }
        Assert.Equal("empty file", (await db.IngestionFiles.SingleAsync(f => f.RunId == result.RunId && f.FileName == "empty.shtml")).Error);
        Assert.Equal(documentsBefore, await db.Documents.CountAsync());
    }

    [Fact]
    public async Task The_same_content_twice_is_one_document_and_no_file_is_overwritten()
    {
        using var inbox = new TempFolder();
        var page = Page(8, "中方愿同各方一道努力，维护地区和平稳定。");
        Write(inbox.Path, "a.shtml", page);
        Write(inbox.Path, "b.shtml", page);
        await using var services = JobServices.Create(database);
        var ingestion = services.GetRequiredService<InboxIngestion>();

        var first = await ingestion.RunAsync(inbox.Path, "test", null, "tester", default);
        Write(inbox.Path, "a.shtml", page); // the same file dropped again, under a name processed/ already has
        var second = await ingestion.RunAsync(inbox.Path, "test", null, "tester", default);

        Assert.Equal(["created", "duplicate"], first.Files.Select(f => f.Outcome));
        var again = Assert.Single(second.Files);
        Assert.Equal("duplicate", again.Outcome);
        Assert.Equal(first.Files[0].DocumentId, again.DocumentId);
        Assert.Equal(first.Files[0].DocumentId, first.Files[1].DocumentId);
        Assert.Equal("processed/a (2).shtml", again.MovedTo);
        Assert.Equal(["a (2).shtml", "a.shtml", "b.shtml"], Directory.EnumerateFiles(inbox.Combine("processed")).Select(Path.GetFileName).Order());
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Documents.CountAsync(d => d.NormalisedText.Contains("维护地区和平稳定")));
    }

    [Fact]
    public async Task Concurrent_runs_ingest_each_file_exactly_once()
    {
        using var inbox = new TempFolder();
        const int files = 40;
        for (var i = 0; i < files; i++)
            Write(inbox.Path, $"f{i:D2}.shtml", Transcript(new DateOnly(2018, 1, 1).AddDays(i), "陆慷", Qa($"第{i}个问题？", $"这是第{i}个回答。")));
        // Four workers, each with its own services (as separate processes would have), started together.
        var providers = Enumerable.Range(0, 4).Select(_ => JobServices.Create(database)).ToList();
        try
        {
            var runs = await Task.WhenAll(providers.Select(p => Task.Run(() =>
                p.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "worker", default))));

            var all = runs.SelectMany(r => r.Files).ToList();
            Assert.Equal(files, all.Count);
            Assert.Equal(files, all.Select(f => f.FileName).Distinct().Count());
            Assert.All(all, f => Assert.Equal("created", f.Outcome));
            Assert.Equal(files, Directory.EnumerateFiles(inbox.Combine("processed")).Count());
            Assert.Empty(Directory.EnumerateFiles(inbox.Path));
            Assert.Empty(Directory.EnumerateFiles(inbox.Combine("processing")));
            await using var db = database.CreateContext();
            var runIds = runs.Select(r => r.RunId).ToList();
            Assert.Equal(files, await db.IngestionFiles.CountAsync(f => runIds.Contains(f.RunId)));
            Assert.Equal(files, await db.IngestionFiles.Where(f => runIds.Contains(f.RunId)).Select(f => f.DocumentId).Distinct().CountAsync());
        }
        finally
        {
            foreach (var p in providers) await p.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failure_inside_the_files_transaction_rolls_the_file_back_into_the_inbox_and_fails_the_run()
    {
        using var inbox = new TempFolder();
        Write(inbox.Path, "c.shtml", Page(9, "中方注意到第九号测试文件里的这句话。"));
        await using var services = JobServices.Create(database, configure: s => FlakyJobClient.Replace(s, failures: 1));
        var ingestion = services.GetRequiredService<InboxIngestion>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => ingestion.RunAsync(inbox.Path, "test", null, "tester", default));

        Assert.True(File.Exists(inbox.Combine("c.shtml")));
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Documents.CountAsync(d => d.NormalisedText.Contains("第九号测试文件")));
        var failedRun = await db.IngestionRuns.OrderByDescending(r => r.Id).FirstAsync();
        Assert.Equal("failed", failedRun.Status);
        Assert.Equal(0, await db.IngestionFiles.CountAsync(f => f.RunId == failedRun.Id));

        var retry = await ingestion.RunAsync(inbox.Path, "test", null, "tester", default);
        var file = Assert.Single(retry.Files);
        Assert.Equal("created", file.Outcome);
        // The follow-up committed with the document: its stance recompute is queued.
        Assert.True(await db.StancePending.AnyAsync(p => p.DocumentId == file.DocumentId));
    }

    [Fact]
    public async Task Rerunning_over_an_empty_inbox_changes_nothing()
    {
        using var inbox = new TempFolder();
        Write(inbox.Path, "d.shtml", Page(10, "中方一贯主张通过对话协商解决分歧。"));
        await using var services = JobServices.Create(database);
        var ingestion = services.GetRequiredService<InboxIngestion>();
        await ingestion.RunAsync(inbox.Path, "test", null, "tester", default);
        await using var db = database.CreateContext();
        var before = (await db.Documents.CountAsync(), await db.Statements.CountAsync(), await db.IngestionFiles.CountAsync());

        var again = await ingestion.RunAsync(inbox.Path, "test", null, "tester", default);

        Assert.Empty(again.Files);
        Assert.Equal(before, (await db.Documents.CountAsync(), await db.Statements.CountAsync(), await db.IngestionFiles.CountAsync()));
        Assert.Single(Directory.EnumerateFiles(inbox.Combine("processed")));
    }

    [Fact]
    public async Task A_file_left_in_processing_by_a_dead_run_is_put_back_and_ingested()
    {
        using var inbox = new TempFolder();
        Directory.CreateDirectory(inbox.Combine("processing"));
        Write(inbox.Path, "processing/run999999~e.shtml", Page(11, "中方支持一切有利于和平的努力。"));
        await using var services = JobServices.Create(database);

        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "tester", default);

        var file = Assert.Single(result.Files);
        Assert.Equal(("e.shtml", "created"), (file.FileName, file.Outcome));
        Assert.Empty(Directory.EnumerateFiles(inbox.Combine("processing")));
    }

    private static byte[] CodePagesGbk(string text)
    {
        // GB18030 (a superset of GBK) from the code-pages provider that ships with .NET.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(text);
    }
}

/// <summary>
/// Hangfire's client that throws for its first <c>failures</c> jobs, then passes them on: a failure inside a document's
/// transaction (the stance recompute is queued there), to show that the document and its bookkeeping roll back together.
/// </summary>
public sealed class FlakyJobClient(IBackgroundJobClient inner, int failures) : IBackgroundJobClient
{
    private int _calls;

    public string Create(Hangfire.Common.Job job, Hangfire.States.IState state)
    {
        if (Interlocked.Increment(ref _calls) <= failures) throw new InvalidOperationException("job storage unavailable (simulated)");
        return inner.Create(job, state);
    }

    public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);

    /// <summary>Registers it over the application's client.</summary>
    public static void Replace(IServiceCollection services, int failures) =>
        services.AddSingleton<IBackgroundJobClient>(sp => new FlakyJobClient(new BackgroundJobClient(sp.GetRequiredService<JobStorage>()), failures));
}
