using System.CommandLine;
using Diplotrack.Text.Generation;

namespace Diplotrack.Features.Bench;

/// <summary><c>diplotrack bench generate</c>: writes a synthetic archive for benchmarks (no database needed).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var docs = new Option<int>("--docs") { Description = "How many transcripts to write.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write them to (created if missing).", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Same seed, same bytes.", DefaultValueFactory = _ => 1 };
        var generate = new Command("generate", "Write a synthetic archive of Chinese briefings and press conferences, 2005-2024.") { docs, output, seed };
        generate.SetAction(parse =>
        {
            var count = parse.GetValue(docs);
            if (count < 1)
            {
                Console.Error.WriteLine("diplotrack bench generate: --docs must be at least 1.");
                return 2;
            }
            var dir = parse.GetValue(output)!;
            dir.Create();
            long bytes = 0;
            foreach (var file in new SyntheticArchive(parse.GetValue(seed)).Generate(count))
            {
                File.WriteAllBytes(Path.Combine(dir.FullName, file.Name), file.Content);
                bytes += file.Content.Length;
            }
            Console.WriteLine($"{count} transcripts ({bytes / 1024.0 / 1024.0:F1} MiB) written to {dir.FullName}");
            return 0;
        });
        return new Command("bench", "Benchmark helpers.") { generate };
    }
}
