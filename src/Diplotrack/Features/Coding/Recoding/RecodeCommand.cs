using System.CommandLine;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Database;
using Diplotrack.Features.Stance;
using Diplotrack.Verbs;

namespace Diplotrack.Features.Coding.Recoding;

/// <summary><c>diplotrack recode [--bulk]</c>: re-code stale statements per document (EF Core) or at archive scale (COPY).</summary>
public static class RecodeCommand
{
    public static Command Create(CliRunner run)
    {
        var command = new Command("recode", "Re-code every statement whose automatic coding is from an older codebook version or learned model; manual codings stay.");
        var bulk = new Option<bool>("--bulk") { Description = "Re-code through the bulk path (parallel coding, COPY in batches): for a whole archive." };
        command.Add(bulk);
        command.SetAction((parse, ct) => run(async (services, token) =>
        {
            long recoded;
            if (parse.GetValue(bulk))
            {
                var coder = await services.GetRequiredService<CodebookService>().CurrentCoderAsync(token);
                BulkRecodeReport report;
                using (var progress = new CliProgress("documents", 0))
                    report = await services.GetRequiredService<BulkRecoder>().RecodeAsync(coder,
                        new BulkOptions { User = Environment.UserName, Progress = progress, ReportTotal = total => progress.Total = total }, token);
                Console.WriteLine(
                    $"Recode with codebook v{coder.CodebookVersion}{ModelPart(coder.ModelVersion)} (bulk): {report.Codings:N0} statement(s) in {report.Documents} document(s) re-coded; " +
                    $"{report.KeptManual} manual coding(s) kept as current; {report.Elapsed.TotalSeconds:F1} s.");
                recoded = report.Codings;
            }
            else
            {
                RecodeReport report;
                using (var progress = new CliProgress("documents", 0))
                    report = await services.GetRequiredService<Recoder>().RecodeAsync(token, progress, total => progress.Total = total);
                Console.WriteLine($"Recode with codebook v{report.CodebookVersion}{ModelPart(report.ModelVersion)}: {report.Statements} statement(s) in {report.Documents} document(s) re-coded; " +
                                  $"{report.KeptManual} manual coding(s) kept as current.");
                recoded = report.Statements;
            }
            if (recoded > 0) Console.WriteLine((await services.GetRequiredService<DerivedData>().RefreshAllAsync(token)).Summary);
            return 0;
        }, ct));
        return command;
    }

    private static string ModelPart(string? model) => model is null ? " (rules alone)" : $" and model {model}";
}
