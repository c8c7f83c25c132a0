namespace Diplotrack.Tests.Infrastructure;

/// <summary>Paths of the repository and of the read-only shared folder beside it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Seed => Path.Combine(Root, "seed");

    /// <summary>The shared folder (source, eval, corpus): DIPLOTRACK_SHARED, else <c>../shared</c> beside the repository.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("DIPLOTRACK_SHARED") is { Length: > 0 } s ? s : Path.Combine(Root, "..", "shared");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Diplotrack.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Diplotrack.slnx) above " + AppContext.BaseDirectory);
    }
}
