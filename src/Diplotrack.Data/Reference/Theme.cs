namespace Diplotrack.Data.Reference;

/// <summary>A theme of codebook §3 (<c>relations</c>, <c>trade</c>, ...).</summary>
public class Theme
{
    public required string Id { get; set; }
    public required string NameEn { get; set; }
    public string? NameZh { get; set; }
    public string? Description { get; set; }
}

public class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> b)
    {
        b.ToTable("themes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(32);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.NameZh).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
    }
}
