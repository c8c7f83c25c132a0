using System.CommandLine;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;

namespace Diplotrack.Features.Ingestion.Bulk;

/// <summary>The CLI side of the bulk path: <c>ingest --dir DIR --bulk</c> and <c>recode</c>.</summary>
public static class BulkIngestCommand
{
    public static Option<bool> BulkOption() => new("--bulk")
    {
        Description = "With --dir: load the whole folder through the bulk path (parallel parse and code, COPY in batches). Files stay where they are.",
    };

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
            $"{report.Statements:N0} statements, {report.Codings:N0} codings in {report.Elapsed.TotalSeconds:F1} s " +
            $"({report.Created / seconds:F0} documents/s, {report.Statements / seconds:F0} statements/s).");
        return report.Failed == 0 ? 0 : 1;
    }

    public static Command CreateRecode()
    {
        var command = new Command("recode", "Re-code every stored statement with the current codebook (bulk: parallel coding, COPY in batches).");
        command.SetAction((_, ct) => Hosting.CliHost.RunAsync(async (services, token) =>
        {
            var coder = await PrepareCoderAsync(services, token);
            var report = await services.GetRequiredService<BulkRecoder>().RecodeAsync(coder.Code, new BulkOptions { User = Environment.UserName }, token);
            Console.WriteLine(
                $"{report.Documents} document(s) re-coded with codebook v{coder.CodebookVersion}: {report.Codings:N0} codings, {report.Targets:N0} targets " +
                $"({report.KeptManual:N0} statements keep a person's coding) in {report.Elapsed.TotalSeconds:F1} s.");
            return 0;
        }, ct));
        return command;
    }

    /// <summary>The coder of seed/codebook, with its version and actors present in the database.</summary>
    public static async Task<StatementCoder> PrepareCoderAsync(IServiceProvider services, CancellationToken ct)
    {
        await CodebookReference.EnsureAsync(services.GetRequiredService<BulkDatabase>().Source,
            services.GetRequiredService<Codebook>(), Environment.UserName, ct);
        return services.GetRequiredService<StatementCoder>();
    }
}
