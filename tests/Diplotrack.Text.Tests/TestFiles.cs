namespace Diplotrack.Text.Tests;

/// <summary>Locates the repository's seed documents and the shared evaluation data from the test's base directory.</summary>
internal static class TestFiles
{
    public static string RepositoryRoot { get; } = WalkUp(d => File.Exists(Path.Combine(d, "Diplotrack.slnx")))
        ?? throw new InvalidOperationException("repository root (Diplotrack.slnx) not found above " + AppContext.BaseDirectory);

    /// <summary><c>shared/</c>: env <c>DIPLOTRACK_SHARED</c>, else the first folder upwards that holds <c>shared/eval</c>.</summary>
    public static string Shared { get; } =
        Environment.GetEnvironmentVariable("DIPLOTRACK_SHARED") is { Length: > 0 } env ? env
        : WalkUp(d => Directory.Exists(Path.Combine(d, "shared", "eval"))) is { } parent ? Path.Combine(parent, "shared")
        : throw new InvalidOperationException("shared/eval not found: set DIPLOTRACK_SHARED");

    public static string SeedDocumentPath =>
        Path.Combine(RepositoryRoot, "seed", "documents", "2024-03-07-wang-yi-npc-press-conference.txt");

    private static string? WalkUp(Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (found(dir.FullName)) return dir.FullName;
        }
        return null;
    }
}
