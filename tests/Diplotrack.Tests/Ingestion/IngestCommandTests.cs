using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Tests.Ingestion;

public sealed class IngestCommandTests(SeededDatabase database) : IClassFixture<SeededDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("diplotrack-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Ingest_reports_each_bad_file_on_one_line_and_exits_non_zero_while_good_files_are_stored()
    {
        var empty = Path.Combine(_dir, "empty.txt");
        await File.WriteAllBytesAsync(empty, []);
        var good = Path.Combine(_dir, "briefing.txt");
        await File.WriteAllTextAsync(good, """
            ---
            title: 测试记者会
            date: 2024-05-01
            kind: regular-briefing
            language: zh
            government: CN
            ---
            # 测试记者会

            路透社记者：美方宣布对中国企业实施新的制裁，中方有何回应？

            汪文斌：中方坚决反对美方的单边制裁。我们敦促美方立即纠正错误做法。
            """);

        var result = await Cli.RunAsync(database, "ingest", empty, good);

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("empty.txt", error);
        Assert.Contains("empty file", error);
        Assert.Contains("stored as document", result.Stdout);
        await using var db = database.CreateContext();
        var stored = await db.Documents.SingleAsync(d => d.Date == new DateOnly(2024, 5, 1));
        Assert.Equal(3, await db.Statements.CountAsync(s => s.DocumentId == stored.Id));
    }

    [Fact]
    public async Task Without_a_database_the_command_says_how_to_configure_one()
    {
        var result = await Cli.RunAsync(null, "ingest", Path.Combine(_dir, "x.txt"));
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("DIPLOTRACK_DB", result.Stderr);
    }
}
