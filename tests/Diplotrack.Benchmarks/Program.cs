using BenchmarkDotNet.Running;

namespace Diplotrack.Benchmarks;

public static class BenchmarkProgram
{
    // Runs the benchmarks of this assembly; pass BenchmarkDotNet's own arguments (e.g. --filter '*Pipeline*').
    // `--compare-matching` prints the accuracy of the two actor-matching techniques instead (ADR 0003).
    public static void Main(string[] args)
    {
        if (args.Contains("--compare-matching")) { MatchingAccuracy.Run(); return; }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
