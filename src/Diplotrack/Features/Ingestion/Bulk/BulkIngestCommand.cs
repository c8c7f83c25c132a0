using System.CommandLine;
using Diplotrack.Features.Codebook;
using Diplotrack.Features.Seeding;
using Diplotrack.Features.Stance;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Microsoft.Extensions.Options;

namespace Diplotrack.Features.Ingestion.Bulk;

/// <summary>The CLI side of the bulk path: <c>ingest --dir DIR --bulk</c> and <c>recode --bulk</c>.</summary>
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
        var coder = await PrepareCoderAsync(services, ct);
        var report = await services.GetRequiredService<BulkIngestor>().IngestDirectoryAsync(
            folder.FullName, coder.Code, new BulkOptions { User = Environment.UserName }, ct);
        foreach (var failure in report.Failures) await Console.Error.WriteLineAsync($"diplotrack: {failure.Source}: {failure.Error}");
        var seconds = Math.Max(report.Elapsed.TotalSeconds, 1e-6);
        Console.WriteLine(
            $"{report.Files} file(s): {report.Created} stored, {report.AlreadyPresent} already present, {report.Failed} failed; " +
            $"{report.Statements:N0} statements, {report.Codings:N0} codings (codebook v{coder.CodebookVersion}) in {report.Elapsed.TotalSeconds:F1} s " +
            $"({report.Created / seconds:F0} documents/s, {report.Statements / seconds:F0} statements/s).");
        if (report.Created > 0) await RecomputeCommand.RecomputeAllAsync(services, ct);
        return report.Failed == 0 ? 0 : 1;
    }

    public static async Task<int> RecodeAsync(IServiceProvider services, CancellationToken ct)
    {
        var coder = await CurrentCoderAsync(services, ct);
        var report = await services.GetRequiredService<BulkRecoder>().RecodeAsync(coder, new BulkOptions { User = Environment.UserName }, ct);
        Console.WriteLine(
            $"Recode with codebook v{coder.CodebookVersion} (bulk): {report.Codings:N0} statement(s) in {report.Documents} document(s) re-coded; " +
            $"{report.KeptManual} manual coding(s) kept as current; {report.Elapsed.TotalSeconds:F1} s.");
        if (report.Codings > 0) await RecomputeCommand.RecomputeAllAsync(services, ct);
        return 0;
    }

    /// <summary>
    /// The coder of the current codebook version, after storing seed/codebook as <c>seed</c> does (idempotent: the
    /// same content is stored once), so a bulk load works on a database that has only been migrated.
    /// </summary>
    public static async Task<StatementCoder> PrepareCoderAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var seed = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value.ResolveDirectory();
        var codebooks = scope.ServiceProvider.GetRequiredService<CodebookService>();
        await codebooks.StoreAsync(CodebookLoader.Load(Path.Combine(seed, "codebook")), Environment.UserName, "seed/codebook", ct);
        return await codebooks.CurrentCoderAsync(ct);
    }

    public static async Task<StatementCoder> CurrentCoderAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CodebookService>().CurrentCoderAsync(ct);
    }
}
