using BenchmarkDotNet.Running;

namespace Diplotrack.Benchmarks;

public static class BenchmarkProgram
{
    // Runs the benchmarks of this assembly; pass BenchmarkDotNet's own arguments (e.g. --filter '*Pipeline*').
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
