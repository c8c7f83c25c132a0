using System.CommandLine;
using Diplotrack.Verbs;

namespace Diplotrack.Features.Reporting;

public static class ReportingRoleCommand
{
    public static Command Create(CliRunner run)
    {
        var command = new Command("reporting-role",
            $"Create or update the read-only login {ReportingRole.Name} for SQL tools (password from Reporting__Password).");
        command.SetAction((_, ct) => run(async (services, token) =>
        {
            try
            {
                var created = await services.GetRequiredService<ReportingRole>().EnsureAsync(token);
                Console.WriteLine($"{(created ? "Created" : "Updated")} role {ReportingRole.Name}: read-only access to schema " +
                                  $"{ReportingRole.Schema}, statement timeout {ReportingRole.StatementTimeout}. See docs/reporting.md.");
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync($"diplotrack reporting-role: {ex.Message}");
                return 2;
            }
        }, ct));
        return command;
    }
}
