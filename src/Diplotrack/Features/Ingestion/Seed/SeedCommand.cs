using System.CommandLine;
using Diplotrack.Verbs;

namespace Diplotrack.Features.Ingestion.Seed;

public static class SeedCommand
{
    public static Command Create(CliRunner run)
    {
        var command = new Command("seed", "Load seed/ (codebook reference data and source documents); running it again changes nothing.");
        command.SetAction((_, ct) => run(async (services, token) =>
        {
            var report = await services.GetRequiredService<Seeder>().SeedAsync(token);
            Console.WriteLine(report.Codebook.Created
                ? $"Seed: codebook version {report.Codebook.Version} loaded."
                : $"Seed: codebook unchanged (version {report.Codebook.Version}).");
            Console.WriteLine($"Seed: {report.DocumentsAdded} document(s) added, {report.DocumentsPresent} already present.");
            foreach (var error in report.Errors) await Console.Error.WriteLineAsync($"diplotrack: seed/documents/{error}");
            return report.Errors.Count == 0 ? 0 : 1;
        }, ct));
        return command;
    }
}
