using System.CommandLine;
using Diplotrack.Features.Ingestion.Bulk;
using Diplotrack.Hosting;

namespace Diplotrack.Features.Ingestion;

public static class IngestCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Transcript files to load.", Arity = ArgumentArity.ZeroOrMore };
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "A folder of transcripts to load." };
        var bulk = BulkIngestCommand.BulkOption(
            "With --dir: load the whole folder through the bulk path (parallel parse and code, COPY in batches). Files stay where they are.");
        var command = new Command("ingest", "Load transcript files into the database, one transaction per document.") { files, dir, bulk };
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var paths = parse.GetValue(files) ?? [];
            if (parse.GetValue(dir) is { } folder && paths.Length == 0)
            {
                if (parse.GetValue(bulk)) return await BulkIngestCommand.IngestFolderAsync(services, folder, token);
                await Console.Error.WriteLineAsync("diplotrack ingest: --dir needs --bulk on this branch.");
                return 2;
            }
            if (paths.Length == 0)
            {
                await Console.Error.WriteLineAsync("diplotrack ingest: name at least one file, or --dir DIR --bulk.");
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

    public static string Describe(string source, StoreResult stored) => stored.Outcome switch
    {
        StoreOutcome.Created => $"{source}: stored as document {stored.DocumentId}",
        _ => $"{source}: already stored as document {stored.DocumentId}, unchanged",
    };
}
