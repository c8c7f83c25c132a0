using Diplotrack.Data.Documents;

namespace Diplotrack.Data.Ingestion;

/// <summary>Fetch state of one URL of a source (a listing page or a transcript page): last result, failures, when to try again.</summary>
public class SourcePage
{
    public long Id { get; set; }
    public int SourceId { get; set; }
    public Source? Source { get; set; }
    public required string Url { get; set; }
    /// <summary><c>listing</c> or <c>transcript</c>.</summary>
    public required string Kind { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset? LastFetchedAt { get; set; }
    /// <summary>HTTP status of the last attempt; null when no response came (timeout, connection refused).</summary>
    public int? LastStatus { get; set; }
    /// <summary>SHA-256 of the last body fetched (a key of <c>page_snapshots</c>).</summary>
    public string? LastSha256 { get; set; }
    /// <summary>Why the last attempt failed (network, HTTP status, or the parser's refusal); null after a success.</summary>
    public string? Error { get; set; }
    public int RetryCount { get; set; }
    /// <summary>When a failed page may be tried again; null when it is not failing.</summary>
    public DateTimeOffset? NextRetryAt { get; set; }
    /// <summary>The document this transcript page became, once ingested.</summary>
    public long? DocumentId { get; set; }
    public Document? Document { get; set; }
    public uint RowVersion { get; set; }
}

public class SourcePageConfiguration : IEntityTypeConfiguration<SourcePage>
{
    public void Configure(EntityTypeBuilder<SourcePage> b)
    {
        b.ToTable("source_pages", t => t.HasCheckConstraint("ck_source_pages_kind", "kind IN ('listing', 'transcript')"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Url).HasMaxLength(2000);
        b.HasIndex(x => x.Url).IsUnique();
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.LastSha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.RowVersion).HasColumnName("xmin").IsRowVersion();
        b.HasIndex(x => new { x.SourceId, x.Kind });
        b.HasIndex(x => x.DocumentId);
        b.HasOne(x => x.Source).WithMany().HasForeignKey(x => x.SourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.SetNull);
    }
}
