namespace Diplotrack.Text.Tests.Support;

/// <summary>The codebook directory and the gold file (shared/eval), found from the test's base directory.</summary>
public static class RepoPaths
{
    public static string CodebookDirectory => Path.Combine(TestFiles.RepositoryRoot, "seed", "codebook");

    /// <summary><c>shared/eval/seed-gold.jsonl</c>: env <c>DIPLOTRACK_SHARED</c>, else the first folder above holding <c>shared/eval</c>.</summary>
    public static string GoldFile => Path.Combine(TestFiles.Shared, "eval", "seed-gold.jsonl");
}
