namespace Diplotrack.Data.Ingestion;

/// <summary>One pass of an ingestion job (inbox scan, CLI <c>ingest --dir</c>, source poll, re-fetch): when, why, and what it did.</summary>
public class IngestionRun
{
    public long Id { get; set; }
    /// <summary><c>inbox</c>, <c>cli</c>, <c>sources</c> or <c>refetch</c>.</summary>
    public required string Trigger { get; set; }
    /// <summary>The Hangfire job id when a job ran it.</summary>
    public string? JobId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary><c>running</c>, <c>succeeded</c> or <c>failed</c> (the job itself failed and will be retried).</summary>
    public required string Status { get; set; }
    public int Created { get; set; }
    public int Duplicates { get; set; }
    public int Updated { get; set; }
    public int Failed { get; set; }
    public string? Error { get; set; }
}

public class IngestionRunConfiguration : IEntityTypeConfiguration<IngestionRun>
{
    public void Configure(EntityTypeBuilder<IngestionRun> b)
    {
        b.ToTable("ingestion_runs", t => t.HasCheckConstraint("ck_ingestion_runs_status", "status IN ('running', 'succeeded', 'failed')"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Trigger).HasMaxLength(16);
        b.Property(x => x.JobId).HasMaxLength(64);
        b.Property(x => x.Status).HasMaxLength(16);
        b.HasIndex(x => x.StartedAt);
    }
}
