using BenchmarkDotNet.Running;

// Runs every benchmark in this assembly; pass BenchmarkDotNet's own arguments (e.g. --filter '*Pipeline*').
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
