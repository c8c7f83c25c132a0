namespace Diplotrack.Text.Tests.Support;

/// <summary>Finds the repository's seed data and the team's read-only shared folder from the test's base directory.</summary>
public static class RepoPaths
{
    public static string CodebookDirectory => Path.Combine(FindUp("seed/codebook") ?? throw new DirectoryNotFoundException(
        "seed/codebook not found above " + AppContext.BaseDirectory), "seed", "codebook");

    /// <summary>The shared folder: env <c>DIPLOTRACK_SHARED</c>, else the first folder above the tests holding <c>shared/eval</c>.</summary>
    public static string SharedDirectory
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("DIPLOTRACK_SHARED");
            if (!string.IsNullOrWhiteSpace(env))
                return Directory.Exists(Path.Combine(env, "eval")) ? env
                    : throw new DirectoryNotFoundException($"DIPLOTRACK_SHARED={env} has no eval/ folder");
            var root = FindUp("shared/eval") ?? throw new DirectoryNotFoundException(
                "no shared/eval above " + AppContext.BaseDirectory + "; set DIPLOTRACK_SHARED");
            return Path.Combine(root, "shared");
        }
    }

    public static string GoldFile => Path.Combine(SharedDirectory, "eval", "seed-gold.jsonl");

    public static string SeedSourceFile => Path.Combine(SharedDirectory, "source", "000_ed602138bd357a0a.txt");

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, relative))) return dir.FullName;
        return null;
    }
}
