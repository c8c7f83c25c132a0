namespace Diplotrack.Data.Documents;

/// <summary>One press conference, briefing or statement (codebook §1).</summary>
public class Document
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public DateOnly Date { get; set; }
    /// <summary><c>npc-press-conference</c>, <c>regular-briefing</c>, ...: venues are compared only with their own kind.</summary>
    public required string Kind { get; set; }
    public string? Place { get; set; }
    public string? Occasion { get; set; }
    public required string Language { get; set; }
    /// <summary>Source URL or file name.</summary>
    public required string Source { get; set; }
    /// <summary>The parser format that read it (<c>press-article-text</c>, <c>fmprc-briefing-html</c>).</summary>
    public required string Format { get; set; }
    /// <summary>SHA-256 of the normalised text: the same transcript is stored once.</summary>
    public required string Sha256 { get; set; }
    public required string NormalisedText { get; set; }
    public DateTimeOffset IngestedAt { get; set; }
    public string? IngestedBy { get; set; }
    public uint RowVersion { get; set; }

    public List<Exchange> Exchanges { get; set; } = [];
    public List<Statement> Statements { get; set; } = [];
}

public class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> b)
    {
        b.ToTable("documents");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Title).HasMaxLength(500);
        b.Property(x => x.Kind).HasMaxLength(64);
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.Occasion).HasMaxLength(500);
        b.Property(x => x.Language).HasMaxLength(16);
        b.Property(x => x.Source).HasMaxLength(2000);
        b.Property(x => x.Format).HasMaxLength(64);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.HasIndex(x => x.Sha256).IsUnique();
        b.Property(x => x.IngestedBy).HasMaxLength(256);
        b.Property(x => x.RowVersion).HasColumnName("xmin").IsRowVersion();
        b.HasIndex(x => new { x.Date, x.Kind });
    }
}
