using System.CommandLine;
using Diplotrack.Features.Ingestion.Bulk;
using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Verbs;

namespace Diplotrack.Features.Ingestion;

public static class IngestCommand
{
    public static Command Create(CliRunner run)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Transcript files to load.", Arity = ArgumentArity.ZeroOrMore };
        var dir = new Option<DirectoryInfo?>("--dir")
        {
            Description = "Ingest every file of this folder as the inbox job does: each file moves to processed/ or failed/ (with its error recorded).",
        };
        var bulk = BulkIngestCommand.BulkOption(
            "With --dir: load the whole folder through the bulk path instead (parallel parse and code, COPY in batches, " +
            "exactly once per content); files stay where they are. For archives of thousands of files.");
        var command = new Command("ingest", "Load transcript files into the database, one transaction per document.") { files, dir, bulk };
        command.SetAction((parse, ct) => run(async (services, token) =>
        {
            var paths = parse.GetValue(files) ?? [];
            if (parse.GetValue(dir) is { } folder)
            {
                if (paths.Length > 0)
                {
                    await Console.Error.WriteLineAsync("diplotrack ingest: give files or --dir, not both.");
                    return 2;
                }
                return parse.GetValue(bulk)
                    ? await BulkIngestCommand.IngestFolderAsync(services, folder, token)
                    : await IngestFolderAsync(services, folder, token);
            }
            if (parse.GetValue(bulk))
            {
                await Console.Error.WriteLineAsync("diplotrack ingest: --bulk loads a folder: give --dir DIR.");
                return 2;
            }
            if (paths.Length == 0)
            {
                await Console.Error.WriteLineAsync("diplotrack ingest: name at least one file, or --dir DIR.");
                return 2;
            }
            var ingestor = services.GetRequiredService<DocumentIngestor>();
            var failed = 0;
            foreach (var path in paths)
            {
                var outcome = await ingestor.IngestFileAsync(path.FullName, Environment.UserName, token);
                if (!outcome.Succeeded)
                {
                    failed++;
                    await Console.Error.WriteLineAsync($"diplotrack: {path}: {outcome.Error}");
                }
                else Console.WriteLine(Describe(path.ToString(), outcome.Stored!));
            }
            return failed == 0 ? 0 : 1;
        }, ct));
        return command;
    }

    private static async Task<int> IngestFolderAsync(IServiceProvider services, DirectoryInfo folder, CancellationToken ct)
    {
        if (!folder.Exists)
        {
            await Console.Error.WriteLineAsync($"diplotrack ingest: no such folder: {folder.FullName}");
            return 2;
        }
        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(folder.FullName, "cli", null, Environment.UserName, ct);
        foreach (var file in result.Files)
        {
            if (file.Outcome == InboxIngestion.Failed)
                await Console.Error.WriteLineAsync($"diplotrack: {file.FileName}: {file.Error} (moved to {file.MovedTo})");
            else
                Console.WriteLine(file.Outcome == InboxIngestion.Created
                    ? $"{file.FileName}: stored as document {file.DocumentId} (moved to {file.MovedTo})"
                    : $"{file.FileName}: already stored as document {file.DocumentId}, unchanged (moved to {file.MovedTo})");
        }
        Console.WriteLine($"{result.Files.Count} file(s): {result.Created} stored, {result.Duplicates} already present, {result.Failed} failed (run {result.RunId}).");
        return result.Failed == 0 ? 0 : 1;
    }

    public static string Describe(string source, StoreResult stored) => stored.Outcome switch
    {
        StoreOutcome.Created => $"{source}: stored as document {stored.DocumentId}",
        _ => $"{source}: already stored as document {stored.DocumentId}, unchanged",
    };
}
