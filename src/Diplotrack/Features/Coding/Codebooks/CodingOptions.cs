namespace Diplotrack.Features.Coding.Codebooks;

/// <summary>Configuration section <c>Coding</c>: where the learned layer's model file is (ADR 0030).</summary>
public sealed class CodingOptions
{
    public const string Section = "Coding";

    /// <summary>The model file; default <c>seed/models/coder.model</c> in the seed folder. A missing file means rules alone.</summary>
    public string? ModelPath { get; set; }

    /// <summary>The configured path, else the default one in the seed folder (null when there is no seed folder either).</summary>
    public string? ResolveModelPath(SeedOptions seed)
    {
        if (!string.IsNullOrWhiteSpace(ModelPath)) return Path.GetFullPath(ModelPath);
        try { return Path.Combine(seed.ResolveDirectory(), "models", "coder.model"); }
        catch (InvalidOperationException) { return null; }
    }
}
