namespace Diplotrack.Benchmarks;

/// <summary>Locates the seed text and codebook from the benchmark's directory (BenchmarkDotNet runs from a generated folder).</summary>
internal static class BenchmarkData
{
    public static string RepoRoot => FindUp("seed/codebook") ?? throw new DirectoryNotFoundException("seed/codebook not found above " + AppContext.BaseDirectory);

    public static string CodebookDirectory => Path.Combine(RepoRoot, "seed", "codebook");

    /// <summary>The seed document: from the repository once the parser brings it, else the shared source.</summary>
    public static string SeedText
    {
        get
        {
            var inRepo = Path.Combine(RepoRoot, "seed", "documents", "2024-03-07-wang-yi-npc-press-conference.txt");
            if (File.Exists(inRepo)) return File.ReadAllText(inRepo);
            var shared = Environment.GetEnvironmentVariable("DIPLOTRACK_SHARED") ?? Path.Combine(FindUp("shared/eval") ?? "", "shared");
            return File.ReadAllText(Path.Combine(shared, "source", "000_ed602138bd357a0a.txt"));
        }
    }

    public static string? SharedDirectory =>
        Environment.GetEnvironmentVariable("DIPLOTRACK_SHARED") ?? (FindUp("shared/eval") is { } r ? Path.Combine(r, "shared") : null);

    private static string? FindUp(string relative)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, relative))) return dir.FullName;
        return null;
    }
}
