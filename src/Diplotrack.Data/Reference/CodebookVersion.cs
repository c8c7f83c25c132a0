namespace Diplotrack.Data.Reference;

/// <summary>
/// One numbered version of the codebook (actors, themes, cues). The full content is kept so that any
/// automatic coding can be reproduced with the exact codebook that produced it.
/// </summary>
public class CodebookVersion
{
    public int Id { get; set; }
    public required string ContentSha256 { get; set; }
    /// <summary>The whole codebook as JSON (the pipeline's own serialisation).</summary>
    public required string Content { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

public class CodebookVersionConfiguration : IEntityTypeConfiguration<CodebookVersion>
{
    public void Configure(EntityTypeBuilder<CodebookVersion> b)
    {
        b.ToTable("codebook_versions");
        b.HasKey(x => x.Id);
        // The number is the version people talk about ("codebook v3"), assigned by the loader, not a sequence.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ContentSha256).HasMaxLength(64);
        // Not unique: an admin edit that undoes a change stores the older content again, as the newest version.
        b.HasIndex(x => x.ContentSha256);
        b.Property(x => x.Content).HasColumnType("jsonb");
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
    }
}
