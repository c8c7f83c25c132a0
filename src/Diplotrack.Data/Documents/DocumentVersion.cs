namespace Diplotrack.Data.Documents;

/// <summary>
/// One version of a document's text. A source page that changes after publication becomes a new version of the
/// same document; <c>documents</c> keeps the current text, this table keeps every text and what changed.
/// </summary>
public class DocumentVersion
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public Document? Document { get; set; }
    /// <summary>1 for the text first stored, then 2, 3, ...</summary>
    public int Version { get; set; }
    /// <summary>SHA-256 of the normalised text of this version.</summary>
    public required string Sha256 { get; set; }
    public required string NormalisedText { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    /// <summary>SHA-256 of the raw page this version was parsed from (a key of <c>page_snapshots</c>), when fetched.</summary>
    public string? SnapshotSha256 { get; set; }
    public int ExchangesAdded { get; set; }
    public int ExchangesRemoved { get; set; }
    public int ExchangesChanged { get; set; }
    public int StatementsAdded { get; set; }
    public int StatementsRemoved { get; set; }
    public int StatementsChanged { get; set; }
    /// <summary>The difference from the previous version (JSON: exchanges and statements added, removed, changed, with texts); null for version 1.</summary>
    public string? Diff { get; set; }
}

public class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> b)
    {
        b.ToTable("document_versions", t => t.HasCheckConstraint("ck_document_versions_version", "version >= 1"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasIndex(x => new { x.DocumentId, x.Version }).IsUnique();
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.SnapshotSha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.Diff).HasColumnType("jsonb");
        b.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
