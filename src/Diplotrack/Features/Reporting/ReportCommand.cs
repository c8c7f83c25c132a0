using System.CommandLine;
using System.Text;
using Diplotrack.Verbs;

namespace Diplotrack.Features.Reporting;

public static class ReportCommand
{
    public static Command Create(CliRunner run)
    {
        var view = new Argument<string>("view") { Description = "A view of the reporting schema (docs/reporting.md), e.g. codings." };
        var where = new Option<string?>("--where") { Description = "An SQL predicate on the view's columns, e.g. \"target_actor_id = 'US'\"." };
        var limit = new Option<long?>("--limit") { Description = "At most this many rows." };
        var csv = new Option<bool>("--csv") { Description = "Write CSV with a header row to standard output (the only format for now)." };
        var command = new Command("report", "Export a reporting view (read-only).") { view, where, limit, csv };
        command.SetAction((parse, ct) => run(async (services, token) =>
        {
            if (!parse.GetValue(csv))
            {
                await Console.Error.WriteLineAsync("diplotrack report: say --csv (CSV is the only output format).");
                return 2;
            }
            try
            {
                await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
                var rows = await services.GetRequiredService<ReportExporter>()
                    .WriteCsvAsync(parse.GetValue(view)!, parse.GetValue(where), parse.GetValue(limit), stdout, token);
                await Console.Error.WriteLineAsync($"{rows} row(s).");
                return 0;
            }
            catch (ReportRequestException ex)
            {
                await Console.Error.WriteLineAsync($"diplotrack report: {ex.Message}");
                return 2;
            }
        }, ct));
        return command;
    }
}
