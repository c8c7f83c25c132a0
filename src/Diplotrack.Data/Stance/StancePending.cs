namespace Diplotrack.Data.Stance;

/// <summary>
/// A document whose stance rows are due to be recomputed. Written with the change that makes them stale (an ingested
/// document, in its transaction; a correction, an edit or a deletion), and drained by one job for every document queued
/// meanwhile, so a folder of a hundred transcripts costs one recompute, not a hundred.
/// </summary>
public class StancePending
{
    /// <summary>Not a foreign key: a deleted document is queued too (its rows must go).</summary>
    public long DocumentId { get; set; }
    /// <summary>When it was (last) queued: a run removes only the entries it saw, so one queued again meanwhile stays.</summary>
    public DateTimeOffset QueuedAt { get; set; }
}

public class StancePendingConfiguration : IEntityTypeConfiguration<StancePending>
{
    public void Configure(EntityTypeBuilder<StancePending> b)
    {
        b.ToTable("stance_pending");
        b.HasKey(x => x.DocumentId);
        b.Property(x => x.DocumentId).ValueGeneratedNever();
    }
}
