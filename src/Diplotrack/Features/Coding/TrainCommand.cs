using System.CommandLine;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Learning;
using Diplotrack.Text.Codebook;

namespace Diplotrack.Features.Coding;

/// <summary>
/// <c>diplotrack train [--gold DIR ...] [--corrections DIR] [--out PATH]</c>: trains the learned coding layer (ADR 0030)
/// on gold codings and writes the model file the product codes with. A thin verb: reading the gold, cross-validating
/// and training are <see cref="TrainingRun"/>'s. Needs no database. Re-run after any change of the rules or the gold:
/// the model's features are read from the rules' output, so a model trained on other rules scores drifted inputs.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var gold = new Option<DirectoryInfo[]>("--gold")
        {
            Description = "Gold folders (one JSONL per briefing); default seed/gold/fmprc.",
            AllowMultipleArgumentsPerToken = true,
        };
        var corrections = new Option<DirectoryInfo?>("--corrections")
        {
            Description = "Corrections exported as gold JSONL; a file named like a gold file replaces it.",
        };
        var output = new Option<FileInfo?>("--out") { Description = "Model file to write (default: seed/models/coder.model)." };
        var corpus = new Option<DirectoryInfo?>("--corpus") { Description = "Corpus folder holding the briefing pages (default $DIPLOTRACK_CORPUS)." };
        var codebook = new Option<DirectoryInfo?>("--codebook") { Description = "Codebook directory (default: seed/codebook)." };
        var noCv = new Option<bool>("--no-cv") { Description = "Skip the cross-validated comparison (faster; the model is the same)." };
        var command = new Command("train", "Train the learned coding layer on gold codings, print the cross-validated rules/model/combined comparison and write the model; needs no database.")
        {
            gold, corrections, output, corpus, codebook, noCv,
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var seed = new SeedOptions().ResolveDirectory();
                var book = CodebookLoader.Load(parse.GetValue(codebook)?.FullName ?? Path.Combine(seed, "codebook"));
                // Gold first, corrections last: TrainingDocuments lets a later folder's same-named file win.
                List<string> folders = parse.GetValue(gold) is { Length: > 0 } g
                    ? [.. g.Select(d => d.FullName)]
                    : [Path.Combine(seed, "gold", "fmprc")];
                if (parse.GetValue(corrections) is { } c) folders.Add(c.FullName);
                var corpusDir = parse.GetValue(corpus)?.FullName ?? Environment.GetEnvironmentVariable("DIPLOTRACK_CORPUS")
                    ?? throw new InvalidOperationException("No corpus: pass --corpus or set DIPLOTRACK_CORPUS (the gold's pages are read from there).");
                var path = parse.GetValue(output)?.FullName ?? Path.Combine(seed, "models", "coder.model");
                var report = await Task.Run(() => TrainingRun.Run(book, corpusDir, folders, path, crossValidate: !parse.GetValue(noCv)), ct);
                Console.Write(report.Summary());
                return 0;
            }
            catch (Exception ex) when (ex is CodebookException or InvalidOperationException or InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync($"diplotrack: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
