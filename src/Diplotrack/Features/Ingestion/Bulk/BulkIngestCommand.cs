using System.CommandLine;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Database;
using Diplotrack.Features.Stance;

namespace Diplotrack.Features.Ingestion.Bulk;

/// <summary>The CLI side of the bulk load: <c>ingest --dir DIR --bulk</c> (re-coding in bulk is <c>recode --bulk</c>, in Coding/Recoding).</summary>
public static class BulkIngestCommand
{
    public static Option<bool> BulkOption(string description) => new("--bulk") { Description = description };

    public static async Task<int> IngestFolderAsync(IServiceProvider services, DirectoryInfo folder, CancellationToken ct)
    {
        if (!folder.Exists)
        {
            await Console.Error.WriteLineAsync($"diplotrack ingest: no such folder: {folder.FullName}");
            return 2;
        }
        var coder = await SeedCodebook.StoreAndGetCoderAsync(services, Environment.UserName, ct);
        var report = await services.GetRequiredService<BulkIngestor>().IngestDirectoryAsync(
            folder.FullName, coder.Code, new BulkOptions { User = Environment.UserName }, ct);
        foreach (var failure in report.Failures) await Console.Error.WriteLineAsync($"diplotrack: {failure.Source}: {failure.Error}");
        var seconds = Math.Max(report.Elapsed.TotalSeconds, 1e-6);
        Console.WriteLine(
            $"{report.Files} file(s): {report.Created} stored, {report.AlreadyPresent} already present, {report.Failed} failed; " +
            $"{report.Statements:N0} statements, {report.Codings:N0} codings (codebook v{coder.CodebookVersion}) in {report.Elapsed.TotalSeconds:F1} s " +
            $"({report.Created / seconds:F0} documents/s, {report.Statements / seconds:F0} statements/s).");
        if (report.Created > 0) Console.WriteLine((await services.GetRequiredService<DerivedData>().RefreshAllAsync(ct)).Summary);
        return report.Failed == 0 ? 0 : 1;
    }
}
