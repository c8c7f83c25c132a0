using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Tests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Reliability;

/// <summary>Measures the process's allocations, so nothing else may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuring
{
    public const string Name = "allocation measuring";
}

/// <summary>Issue 17, items 2 and 3: an oversized inbox file is refused by its size, without reading it, and never blocks the inbox.</summary>
[Collection(AllocationMeasuring.Name)]
public class InboxOversizedFileTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private static string Page(int day, string answer) =>
        Transcript(new DateOnly(2019, 6, day), "耿爽", Qa("中方对此有何评论？", answer), Qa("还有别的问题吗？", "没有了。"));

    /// <summary>A file of <paramref name="bytes"/> that takes no disk space (sparse), as <c>truncate -s</c> makes.</summary>
    private static void Sparse(string path, long bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew);
        stream.SetLength(bytes);
    }

    [Fact]
    public async Task A_file_of_2_GiB_or_more_goes_to_failed_with_its_reason_and_the_other_files_are_ingested()
    {
        using var inbox = new TempFolder();
        Sparse(inbox.Combine("big.txt"), 2200L * 1024 * 1024);
        Write(inbox.Path, "small.shtml", Page(3, "中方坚持走和平发展道路，这一点不会改变。"));
        await using var services = JobServices.Create(database);
        var ingestion = services.GetRequiredService<InboxIngestion>();

        var result = await ingestion.RunAsync(inbox.Path, "test", null, "tester", default);

        Assert.Equal(["big.txt: failed", "small.shtml: created"], result.Files.Select(f => $"{f.FileName}: {f.Outcome}").Order());
        Assert.True(File.Exists(inbox.Combine("failed", "big.txt")));
        Assert.Empty(Directory.EnumerateFiles(inbox.Combine("processing")));
        Assert.Empty(Directory.EnumerateFiles(inbox.Path));
        await using var db = database.CreateContext();
        var row = await db.IngestionFiles.SingleAsync(f => f.RunId == result.RunId && f.FileName == "big.txt");
        Assert.Equal(("failed", "failed/big.txt", 2200L * 1024 * 1024), (row.Outcome, row.MovedTo, row.Bytes));
        Assert.StartsWith("too large: 2306867200 bytes, the limit is", row.Error);
        Assert.Equal("succeeded", (await db.IngestionRuns.SingleAsync(r => r.Id == result.RunId)).Status);

        // The next run has nothing left to trip over.
        var next = await ingestion.RunAsync(inbox.Path, "test", null, "tester", default);
        Assert.Empty(next.Files);
    }

    [Fact]
    public async Task An_oversized_file_is_refused_without_being_read_into_memory()
    {
        using var inbox = new TempFolder();
        const long size = 180L * 1024 * 1024;
        Sparse(inbox.Combine("huge.txt"), size);
        await using var services = JobServices.Create(database);
        var ingestion = services.GetRequiredService<InboxIngestion>();
        // Warm up (JIT, connection pool, EF model) so that the measured run allocates only for the file.
        using (var empty = new TempFolder()) await ingestion.RunAsync(empty.Path, "warm-up", null, "tester", default);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await ingestion.RunAsync(inbox.Path, "test", null, "tester", default);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal("failed", Assert.Single(result.Files).Outcome);
        Assert.StartsWith("too large", result.Files[0].Error);
        // Reading the file whole allocates its 180 MB; hashing it as a stream takes a buffer.
        Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB for a {size / 1024 / 1024} MB file");
    }
}
