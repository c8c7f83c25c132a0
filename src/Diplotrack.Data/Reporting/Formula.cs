namespace Diplotrack.Data.Reporting;

/// <summary>
/// A fixed diplomatic formula (<c>坚决反对</c>, <c>合作共赢</c>, ...) whose use the <c>reporting.formula_usage</c> view
/// tracks over time. Interim list owned by reporting: the coder's formula ladder (codebook, branch <c>coder</c>) will
/// replace it; until then the view matches these texts against statement text.
/// </summary>
public class Formula
{
    public int Id { get; set; }
    /// <summary>The exact characters matched inside a statement.</summary>
    public required string Text { get; set; }
    /// <summary>English gloss for analysts who do not read Chinese.</summary>
    public required string Gloss { get; set; }
    /// <summary>Rung on the ladder: −3 (strongest rejection) .. +3 (strongest endorsement), 0 doctrinal/neutral.</summary>
    public short Intensity { get; set; }
}

public class FormulaConfiguration : IEntityTypeConfiguration<Formula>
{
    public void Configure(EntityTypeBuilder<Formula> b)
    {
        b.ToTable("formulas", t => t.HasCheckConstraint("ck_formulas_intensity", "intensity BETWEEN -3 AND 3"));
        b.HasKey(x => x.Id);
        // Ids are stable references for reports ("formula 3"), so they are assigned here, not by a sequence.
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(x => x.Text).HasColumnName("text").HasMaxLength(100);
        b.HasIndex(x => x.Text).IsUnique();
        b.Property(x => x.Gloss).HasColumnName("gloss").HasMaxLength(200);
        b.Property(x => x.Intensity).HasColumnName("intensity");
        b.HasData(Ladder);
    }

    // A small interim ladder from codebook §4's cues and common MFA usage; not exhaustive.
    private static readonly Formula[] Ladder =
    [
        new() { Id = 1, Text = "强烈谴责", Gloss = "strongly condemn", Intensity = -3 },
        new() { Id = 2, Text = "坚决反对", Gloss = "firmly oppose", Intensity = -3 },
        new() { Id = 3, Text = "强烈不满", Gloss = "strong dissatisfaction", Intensity = -2 },
        new() { Id = 4, Text = "严重关切", Gloss = "grave concern", Intensity = -2 },
        new() { Id = 5, Text = "霸凌", Gloss = "bullying", Intensity = -2 },
        new() { Id = 6, Text = "遏制", Gloss = "containment", Intensity = -2 },
        new() { Id = 7, Text = "打压", Gloss = "suppression", Intensity = -2 },
        new() { Id = 8, Text = "敦促", Gloss = "urge", Intensity = -1 },
        new() { Id = 9, Text = "表示关切", Gloss = "express concern", Intensity = -1 },
        new() { Id = 10, Text = "人类命运共同体", Gloss = "community with a shared future for mankind", Intensity = 0 },
        new() { Id = 11, Text = "欢迎", Gloss = "welcome", Intensity = 1 },
        new() { Id = 12, Text = "合作共赢", Gloss = "win-win cooperation", Intensity = 1 },
        new() { Id = 13, Text = "互利共赢", Gloss = "mutual benefit and win-win", Intensity = 1 },
        new() { Id = 14, Text = "历史性", Gloss = "historic", Intensity = 2 },
        new() { Id = 15, Text = "睦邻友好", Gloss = "good-neighbourly friendship", Intensity = 2 },
        new() { Id = 16, Text = "高度赞赏", Gloss = "highly appreciate", Intensity = 2 },
        new() { Id = 17, Text = "全面战略伙伴关系", Gloss = "comprehensive strategic partnership", Intensity = 2 },
        new() { Id = 18, Text = "全面战略协作伙伴关系", Gloss = "comprehensive strategic partnership of coordination", Intensity = 3 },
    ];
}
