namespace Diplotrack.Data.Ingestion;

/// <summary>
/// The raw bytes of a fetched page, stored once per distinct content (keyed by SHA-256): the evidence any
/// document or version was parsed from, kept even when the site later changes or removes the page.
/// </summary>
public class PageSnapshot
{
    public long Id { get; set; }
    /// <summary>The URL the content was first fetched from.</summary>
    public required string Url { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    public int HttpStatus { get; set; }
    public string? ContentType { get; set; }
    public required byte[] Content { get; set; }
}

public class PageSnapshotConfiguration : IEntityTypeConfiguration<PageSnapshot>
{
    public void Configure(EntityTypeBuilder<PageSnapshot> b)
    {
        b.ToTable("page_snapshots");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Url).HasMaxLength(2000);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.HasIndex(x => x.Sha256).IsUnique();
        b.Property(x => x.ContentType).HasMaxLength(200);
        b.HasIndex(x => x.Url);
    }
}
