using System.Text;
using Diplotrack.Features.Ingestion;
using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Ingestion;

/// <summary>Bad input gets a clear reason and leaves the database exactly as it was.</summary>
public sealed class IngestRejectionTests(SeededDatabase database) : IClassFixture<SeededDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("diplotrack-ingest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string SeedText => File.ReadAllText(Path.Combine(Repository.Seed, "documents", "2024-03-07-wang-yi-npc-press-conference.txt"));

    public static TheoryData<string, string> BadInputs => new()
    {
        { "empty", "empty file" },
        { "binary", "binary file" },
        { "gbk", "GBK" },
        { "no-speakers", "speaker" },
        { "too-large", "too large" },
        { "no-date", "date" },
    };

    private byte[] Bytes(string kind)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var body = SeedText[(SeedText.IndexOf("\n---", 3, StringComparison.Ordinal) + 4)..];
        return kind switch
        {
            "empty" => [],
            "binary" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52],
            "gbk" => Encoding.GetEncoding("GB18030").GetBytes(SeedText),
            "no-speakers" => Encoding.UTF8.GetBytes("---\ndate: 2024-03-07\nkind: npc-press-conference\nlanguage: zh\n---\n# 标题\n\n这是一段没有任何发言人标签的文字。第二句话。\n"),
            "too-large" => Encoding.UTF8.GetBytes(new string('中', 2_000_000)),
            // The occasion names no year and the front matter is gone: the date cannot be determined.
            "no-date" => Encoding.UTF8.GetBytes(body.Replace("十四届全国人大二次会议", "全国人大会议")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_file_is_refused_with_its_reason_and_nothing_is_written(string kind, string reason)
    {
        var path = Path.Combine(_dir, kind + ".txt");
        await File.WriteAllBytesAsync(path, Bytes(kind));
        var before = await CountsAsync();

        await using var services = AppServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestFileAsync(path, "test", CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains(reason, outcome.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', outcome.Error!);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task The_same_transcript_ingested_again_is_one_document()
    {
        var path = Path.Combine(_dir, "copy.txt");
        await File.WriteAllTextAsync(path, SeedText);
        var before = await CountsAsync();
        await using var services = AppServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestFileAsync(path, "test", CancellationToken.None);
        Assert.True(outcome.Succeeded);
        Assert.Equal(StoreOutcome.AlreadyPresent, outcome.Stored!.Outcome);
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<(int, int, int, int)> CountsAsync()
    {
        await using var db = database.CreateContext();
        return (await db.Documents.CountAsync(), await db.Exchanges.CountAsync(), await db.Statements.CountAsync(), await db.StatementCodings.CountAsync());
    }
}
