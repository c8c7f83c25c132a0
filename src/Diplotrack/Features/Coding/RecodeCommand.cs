using System.CommandLine;
using Diplotrack.Features.Ingestion.Bulk;
using Diplotrack.Features.Stance;
using Diplotrack.Hosting;

namespace Diplotrack.Features.Coding;

public static class RecodeCommand
{
    public static Command Create()
    {
        var command = new Command("recode", "Re-code every statement whose automatic coding is from an older codebook version; manual codings stay.");
        var bulk = BulkIngestCommand.BulkOption("Re-code through the bulk path (parallel coding, COPY in batches): for a whole archive.");
        command.Add(bulk);
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            if (parse.GetValue(bulk)) return await BulkIngestCommand.RecodeAsync(services, token);
            var report = await services.GetRequiredService<Recoder>().RecodeAsync(token);
            Console.WriteLine($"Recode with codebook v{report.CodebookVersion}: {report.Statements} statement(s) in {report.Documents} document(s) re-coded; " +
                              $"{report.KeptManual} manual coding(s) kept as current.");
            if (report.Statements > 0) await RecomputeCommand.RecomputeAllAsync(services, token);
            return 0;
        }, ct));
        return command;
    }
}
