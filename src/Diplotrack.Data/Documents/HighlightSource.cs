namespace Diplotrack.Data.Documents;

/// <summary>Links a highlight (pull-quote) to an answer statement it repeats, so aggregates never count it twice.</summary>
public class HighlightSource
{
    public long HighlightId { get; set; }
    public Statement? Highlight { get; set; }
    public long SourceStatementId { get; set; }
    public Statement? SourceStatement { get; set; }
}

public class HighlightSourceConfiguration : IEntityTypeConfiguration<HighlightSource>
{
    public void Configure(EntityTypeBuilder<HighlightSource> b)
    {
        b.ToTable("highlight_sources");
        b.HasKey(x => new { x.HighlightId, x.SourceStatementId });
        b.HasIndex(x => x.SourceStatementId);
        b.HasOne(x => x.Highlight).WithMany(s => s.HighlightSources).HasForeignKey(x => x.HighlightId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.SourceStatement).WithMany().HasForeignKey(x => x.SourceStatementId).OnDelete(DeleteBehavior.Cascade);
    }
}
