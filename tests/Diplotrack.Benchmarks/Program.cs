using BenchmarkDotNet.Running;
using Diplotrack.Benchmarks.EndToEnd;

namespace Diplotrack.Benchmarks;

public static class BenchmarkProgram
{
    // `e2e [--docs N] [--seed S] [--query-runs R] [--writers W] [--keep]`: the archive-scale end-to-end benchmark (scripts/bench).
    // `--compare-matching` prints the accuracy of the two actor-matching techniques instead (ADR 0003).
    // Anything else goes to BenchmarkDotNet (e.g. --filter '*Pipeline*').
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "e2e") return await EndToEndBenchmark.RunAsync(args[1..]);
        if (args.Contains("--compare-matching")) { MatchingAccuracy.Run(); return 0; }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
