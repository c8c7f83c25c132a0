namespace Diplotrack.Features.Coding.Codebooks;

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>The <c>seed/</c> folder; found by walking up from the working and app directories when not set.</summary>
    public string? Directory { get; set; }

    public string ResolveDirectory()
    {
        if (!string.IsNullOrWhiteSpace(Directory))
            return System.IO.Directory.Exists(Directory) ? Path.GetFullPath(Directory)
                : throw new InvalidOperationException($"Seed directory '{Directory}' does not exist.");
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seed");
                if (System.IO.Directory.Exists(Path.Combine(candidate, "documents"))) return candidate;
            }
        }
        throw new InvalidOperationException("No seed/ folder found: run from the repository or set Seed__Directory.");
    }
}
