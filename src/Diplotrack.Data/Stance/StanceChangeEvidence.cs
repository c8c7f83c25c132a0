using Diplotrack.Data.Documents;

namespace Diplotrack.Data.Stance;

/// <summary>A statement that drove a stance change: a top contributor on the earlier or the later side.</summary>
public class StanceChangeEvidence
{
    public long StanceChangeId { get; set; }
    public StanceChange? StanceChange { get; set; }
    /// <summary><c>previous</c> or <c>current</c>.</summary>
    public required string Side { get; set; }
    /// <summary>1 = the strongest contributor on its side.</summary>
    public short Rank { get; set; }
    public long StatementId { get; set; }
    public Statement? Statement { get; set; }
    public short Stance { get; set; }
    /// <summary>How far the statement pulls in the change's direction, in stance points (see docs/stance.md).</summary>
    public double Contribution { get; set; }

    public const string Previous = "previous";
    public const string Current = "current";
}

public class StanceChangeEvidenceConfiguration : IEntityTypeConfiguration<StanceChangeEvidence>
{
    public void Configure(EntityTypeBuilder<StanceChangeEvidence> b)
    {
        b.ToTable("stance_change_evidence", t =>
        {
            t.HasCheckConstraint("ck_stance_change_evidence_side", "side IN ('previous', 'current')");
            t.HasCheckConstraint("ck_stance_change_evidence_stance", "stance BETWEEN -2 AND 2");
        });
        b.HasKey(x => new { x.StanceChangeId, x.Side, x.Rank });
        b.Property(x => x.StanceChangeId).HasColumnName("stance_change_id");
        b.Property(x => x.Side).HasColumnName("side").HasMaxLength(8);
        b.Property(x => x.Rank).HasColumnName("rank");
        b.Property(x => x.StatementId).HasColumnName("statement_id");
        b.Property(x => x.Stance).HasColumnName("stance");
        b.Property(x => x.Contribution).HasColumnName("contribution");
        b.HasIndex(x => x.StatementId);
        b.HasOne(x => x.StanceChange).WithMany(c => c.Evidence).HasForeignKey(x => x.StanceChangeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Statement).WithMany().HasForeignKey(x => x.StatementId).OnDelete(DeleteBehavior.Cascade);
    }
}
