namespace Diplotrack.Text.Tests.Support;

/// <summary>
/// A fact that needs the Foreign Ministry corpus (shared/corpus, not in the repository). scripts/test sets
/// <c>DIPLOTRACK_CORPUS</c> whenever the corpus is beside the clone; only where it is absent is the test skipped, and the
/// skip says why, so a run without the corpus cannot pass as if the development gold had been scored.
/// </summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public static string? Corpus =>
        Environment.GetEnvironmentVariable("DIPLOTRACK_CORPUS") is { Length: > 0 } c ? c : null;

    public CorpusFactAttribute()
    {
        if (Corpus is null)
            Skip = "DIPLOTRACK_CORPUS is not set: the development gold's briefing pages are in shared/corpus (scripts/test sets it when ../shared/corpus exists)";
        else if (!Directory.Exists(Path.Combine(Corpus, "fmprc")))
            Skip = $"DIPLOTRACK_CORPUS={Corpus} has no fmprc folder";
    }
}
