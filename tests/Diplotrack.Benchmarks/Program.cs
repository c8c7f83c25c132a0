using BenchmarkDotNet.Running;
using Diplotrack.Benchmarks.EndToEnd;

namespace Diplotrack.Benchmarks;

public static class BenchmarkProgram
{
    // `e2e [--docs N] [--seed S] [--query-runs R]`: the archive-scale end-to-end benchmark (scripts/bench).
    // Anything else goes to BenchmarkDotNet (e.g. --filter '*Pipeline*').
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "e2e") return await EndToEndBenchmark.RunAsync(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
