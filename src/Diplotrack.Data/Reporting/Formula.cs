namespace Diplotrack.Data.Reporting;

/// <summary>
/// A diplomatic formula of the codebook's ladder (<c>seed/codebook/ladder.csv</c>: <c>坚决反对</c>, <c>表示欢迎</c>, ...),
/// mirrored into the database so the <c>reporting.formula_usage</c> view can match it against statements in SQL.
/// Derived data: the seeder replaces the rows from the codebook, never edit them by hand.
/// </summary>
public class Formula
{
    public int Id { get; set; }
    /// <summary>The exact characters matched inside a statement.</summary>
    public required string Text { get; set; }
    /// <summary>Position on the ladder, as in the codebook (lower = stronger rejection).</summary>
    public int Rank { get; set; }
    /// <summary>The stance the formula signals, −2..+2 (codebook §4).</summary>
    public short Stance { get; set; }
    /// <summary>Codebook version the row was taken from.</summary>
    public int CodebookVersion { get; set; }
}

public class FormulaConfiguration : IEntityTypeConfiguration<Formula>
{
    public void Configure(EntityTypeBuilder<Formula> b)
    {
        b.ToTable("formulas", t => t.HasCheckConstraint("ck_formulas_stance", "stance BETWEEN -2 AND 2"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Text).HasMaxLength(100);
        b.HasIndex(x => x.Text).IsUnique();
    }
}
