using Diplotrack.Data.Documents;
using Diplotrack.Data.Reference;

namespace Diplotrack.Data.Coding;

/// <summary>
/// One coding of one statement: its themes and its targets. Codings are never overwritten: re-coding or a
/// person's correction adds a new row and marks the old one superseded, so every figure stays reproducible.
/// Exactly one coding per statement is current; a manual one always wins over automatic ones.
/// </summary>
public class StatementCoding
{
    public long Id { get; set; }
    public long StatementId { get; set; }
    public Statement? Statement { get; set; }
    /// <summary><c>auto</c> or <c>manual</c>.</summary>
    public required string Origin { get; set; }
    public int CodebookVersionId { get; set; }
    public CodebookVersion? CodebookVersion { get; set; }
    /// <summary>The learned model that refined an automatic coding (null: the rules alone, or a manual coding).</summary>
    public string? ModelVersion { get; set; }
    public List<string> Themes { get; set; } = [];
    public bool IsCurrent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>Why a person made or changed it (required for manual codings).</summary>
    public string? Reason { get; set; }
    public DateTimeOffset? SupersededAt { get; set; }
    public uint RowVersion { get; set; }

    public List<CodingTarget> Targets { get; set; } = [];

    public const string Auto = "auto";
    public const string Manual = "manual";
}

public class StatementCodingConfiguration : IEntityTypeConfiguration<StatementCoding>
{
    public void Configure(EntityTypeBuilder<StatementCoding> b)
    {
        b.ToTable("statement_codings", t =>
        {
            t.HasCheckConstraint("ck_statement_codings_origin", "origin IN ('auto', 'manual')");
            t.HasCheckConstraint("ck_statement_codings_themes", "cardinality(themes) <= 3");
        });
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Origin).HasMaxLength(8);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.ModelVersion).HasMaxLength(32);
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.RowVersion).HasColumnName("xmin").IsRowVersion();
        // The database, not the code, guarantees a single current coding per statement.
        b.HasIndex(x => x.StatementId).IsUnique().HasFilter("is_current").HasDatabaseName("ux_statement_codings_current");
        b.HasIndex(x => new { x.StatementId, x.CreatedAt });
        b.HasIndex(x => x.CodebookVersionId);
        b.HasOne(x => x.Statement).WithMany().HasForeignKey(x => x.StatementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.CodebookVersion).WithMany().HasForeignKey(x => x.CodebookVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
