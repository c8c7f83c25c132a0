using Diplotrack.Data.Reference;

namespace Diplotrack.Data.Coding;

/// <summary>The stance of a statement toward one target, with the evidence that produced it.</summary>
public class CodingTarget
{
    public long Id { get; set; }
    public long StatementCodingId { get; set; }
    public StatementCoding? StatementCoding { get; set; }
    public required string ActorId { get; set; }
    public Actor? Actor { get; set; }
    /// <summary>−2 (hostile) .. +2 (cooperative), codebook §4.</summary>
    public short Stance { get; set; }
    /// <summary><c>explicit</c> or <c>contextual</c>.</summary>
    public required string Source { get; set; }
    /// <summary>In [0, 1]; 1 for a person's coding.</summary>
    public double Confidence { get; set; }
    /// <summary>For <c>UNNAMED</c>: the words used, so analysts can decide whom they mean.</summary>
    public string? Phrase { get; set; }
    public List<EvidenceSpan> Evidence { get; set; } = [];
}

/// <summary>Characters of the document's normalised text that support a coding.</summary>
public class EvidenceSpan
{
    public int Start { get; set; }
    public int End { get; set; }
    /// <summary><c>actor</c> or <c>cue</c>.</summary>
    public required string Role { get; set; }
    public required string Term { get; set; }
}

public class CodingTargetConfiguration : IEntityTypeConfiguration<CodingTarget>
{
    public void Configure(EntityTypeBuilder<CodingTarget> b)
    {
        b.ToTable("coding_targets", t =>
        {
            t.HasCheckConstraint("ck_coding_targets_stance", "stance BETWEEN -2 AND 2");
            t.HasCheckConstraint("ck_coding_targets_source", "source IN ('explicit', 'contextual')");
            t.HasCheckConstraint("ck_coding_targets_confidence", "confidence BETWEEN 0 AND 1");
        });
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.ActorId).HasMaxLength(32);
        b.Property(x => x.Source).HasMaxLength(16);
        b.Property(x => x.Phrase).HasMaxLength(200);
        b.HasIndex(x => new { x.StatementCodingId, x.ActorId }).IsUnique();
        b.HasIndex(x => x.ActorId);
        b.HasOne(x => x.StatementCoding).WithMany(c => c.Targets).HasForeignKey(x => x.StatementCodingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Evidence, e =>
        {
            e.ToJson("evidence");
            e.Property(p => p.Start).HasJsonPropertyName("start");
            e.Property(p => p.End).HasJsonPropertyName("end");
            e.Property(p => p.Role).HasJsonPropertyName("role");
            e.Property(p => p.Term).HasJsonPropertyName("term");
        });
    }
}
