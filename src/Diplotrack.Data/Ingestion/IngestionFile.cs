using Diplotrack.Data.Documents;

namespace Diplotrack.Data.Ingestion;

/// <summary>What became of one inbox file: stored, already present, or refused with its reason, and where the file went.</summary>
public class IngestionFile
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public IngestionRun? Run { get; set; }
    /// <summary>The name the file had in the inbox.</summary>
    public required string FileName { get; set; }
    /// <summary>SHA-256 of the file's bytes (not of the normalised text), lower-case hex.</summary>
    public required string Sha256 { get; set; }
    public long Bytes { get; set; }
    /// <summary><c>created</c>, <c>duplicate</c> or <c>failed</c>.</summary>
    public required string Outcome { get; set; }
    public long? DocumentId { get; set; }
    public Document? Document { get; set; }
    public string? Error { get; set; }
    /// <summary>Where the file was moved (under <c>processed/</c> or <c>failed/</c>), relative to the inbox.</summary>
    public required string MovedTo { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>What a person did about a failed file: <c>retried</c> (moved back to the inbox) or <c>discarded</c> (moved to <c>discarded/</c>); null while open.</summary>
    public string? Resolution { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? ResolutionReason { get; set; }
    public uint RowVersion { get; set; }
}

public class IngestionFileConfiguration : IEntityTypeConfiguration<IngestionFile>
{
    public void Configure(EntityTypeBuilder<IngestionFile> b)
    {
        b.ToTable("ingestion_files", t =>
        {
            t.HasCheckConstraint("ck_ingestion_files_outcome", "outcome IN ('created', 'duplicate', 'failed')");
            t.HasCheckConstraint("ck_ingestion_files_resolution", "resolution IS NULL OR (outcome = 'failed' AND resolution IN ('retried', 'discarded'))");
        });
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.FileName).HasMaxLength(1000);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.Outcome).HasMaxLength(16);
        b.Property(x => x.MovedTo).HasMaxLength(2000);
        b.Property(x => x.Resolution).HasMaxLength(16);
        b.Property(x => x.ResolvedBy).HasMaxLength(256);
        b.Property(x => x.ResolutionReason).HasMaxLength(2000);
        b.Property(x => x.RowVersion).HasColumnName("xmin").IsRowVersion();
        b.HasIndex(x => x.RunId);
        b.HasIndex(x => x.Sha256);
        b.HasIndex(x => x.DocumentId);
        b.HasOne(x => x.Run).WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.SetNull);
    }
}
