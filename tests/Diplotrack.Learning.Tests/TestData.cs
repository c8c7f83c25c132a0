using Diplotrack.Learning;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Evaluation;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Learning.Tests;

/// <summary>The repository's codebook, the seed document with its gold, and the development gold when it is in the repository.</summary>
internal static class TestData
{
    public static string RepositoryRoot { get; } = WalkUp(d => File.Exists(Path.Combine(d, "Diplotrack.slnx")))
        ?? throw new InvalidOperationException("repository root (Diplotrack.slnx) not found above " + AppContext.BaseDirectory);

    /// <summary><c>shared/</c>: env <c>DIPLOTRACK_SHARED</c>, else the first folder upwards that holds <c>shared/eval</c>.</summary>
    public static string Shared { get; } =
        Environment.GetEnvironmentVariable("DIPLOTRACK_SHARED") is { Length: > 0 } env ? env
        : WalkUp(d => Directory.Exists(Path.Combine(d, "shared", "eval"))) is { } parent ? Path.Combine(parent, "shared")
        : throw new InvalidOperationException("shared/eval not found: set DIPLOTRACK_SHARED");

    public static Codebook Codebook { get; } = CodebookLoader.Load(Path.Combine(RepositoryRoot, "seed", "codebook"));

    public static StatementCoder Rules { get; } = new(Codebook);

    private static readonly Lazy<TrainingDocument> SeedLazy = new(() =>
    {
        var path = Path.Combine(RepositoryRoot, "seed", "documents", "2024-03-07-wang-yi-npc-press-conference.txt");
        var parsed = TranscriptReader.Default.Read(new SourceFile(Path.GetFileName(path), File.ReadAllBytes(path)));
        return TrainingDocuments.FromParsed(Rules, "seed", parsed, GoldSet.ReadFile(Path.Combine(Shared, "eval", "seed-gold.jsonl")));
    });

    /// <summary>The seed document coded by the rules, with its hand gold: a small fixed training set.</summary>
    public static TrainingDocument Seed => SeedLazy.Value;

    /// <summary>The development gold of real briefings (issue #12 part 1), once it is in the repository.</summary>
    public static string DevelopmentGold => Path.Combine(RepositoryRoot, "seed", "gold", "fmprc");

    public static string Corpus => Path.Combine(Shared, "corpus", "fmprc");

    private static string? WalkUp(Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (found(dir.FullName)) return dir.FullName;
        return null;
    }
}
