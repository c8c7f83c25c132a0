using Diplotrack.Tests.Infrastructure;

namespace Diplotrack.Tests.Bulk;

/// <summary>The verbs as a user runs them: generate an archive, load it in bulk, load it again, re-code it.</summary>
public sealed class BulkCommandTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("diplotrack-bulk-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task GenerateThenIngestInBulk_StoresEveryFileOnce_AndReportsABadFileOnItsOwnLine()
    {
        var generated = await Cli.RunAsync(null, "bench", "generate", "--docs", "12", "--out", _dir, "--seed", "4");
        Assert.Equal(0, generated.ExitCode);
        Assert.Contains("12 transcripts", generated.Stdout, StringComparison.Ordinal);
        Assert.Equal(12, Directory.GetFiles(_dir).Length);
        await File.WriteAllBytesAsync(Path.Combine(_dir, "zz-empty.txt"), []);

        var first = await Cli.RunAsync(database, "ingest", "--dir", _dir, "--bulk");
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("13 file(s): 12 stored, 0 already present, 1 failed", first.Stdout, StringComparison.Ordinal);
        var error = Assert.Single(first.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("zz-empty.txt: empty file", error, StringComparison.Ordinal);
        // Stance and the reporting snapshots follow the load: the archive can be reported on at once.
        Assert.Contains("Stance observations and changes recomputed for all documents", first.Stdout, StringComparison.Ordinal);
        Assert.True(await database.ScalarAsync<long>("SELECT count(DISTINCT document_id) FROM app.stance_observations") == 12);
        Assert.Equal(await database.ScalarAsync<long>("SELECT count(*) FROM app.coding_targets"),
            await database.ScalarAsync<long>("SELECT count(*) FROM reporting.codings"));

        File.Delete(Path.Combine(_dir, "zz-empty.txt"));
        var second = await Cli.RunAsync(database, "ingest", "--dir", _dir, "--bulk");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("12 file(s): 0 stored, 12 already present, 0 failed", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(12L, await database.ScalarAsync<long>("SELECT count(*) FROM app.documents"));

        // Nothing is stale right after a load with the current codebook.
        var recode = await Cli.RunAsync(database, "recode", "--bulk");
        Assert.Equal(0, recode.ExitCode);
        Assert.Contains("0 statement(s) in 0 document(s) re-coded", recode.Stdout, StringComparison.Ordinal);
    }
}
