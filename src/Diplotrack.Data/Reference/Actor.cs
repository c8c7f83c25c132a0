namespace Diplotrack.Data.Reference;

/// <summary>Whom a statement can be about (codebook §2). Ids are ISO alpha-2 or codebook ids, never reused.</summary>
public class Actor
{
    public required string Id { get; set; }
    /// <summary><c>country</c>, <c>territory</c>, <c>organisation</c>, <c>region</c> or <c>unnamed</c>.</summary>
    public required string Kind { get; set; }
    public required string NameEn { get; set; }
    public required string NameZh { get; set; }
    public List<string> Aliases { get; set; } = [];
    public uint RowVersion { get; set; }
}

public class ActorConfiguration : IEntityTypeConfiguration<Actor>
{
    public void Configure(EntityTypeBuilder<Actor> b)
    {
        b.ToTable("actors", t => t.HasCheckConstraint("ck_actors_kind",
            "kind IN ('country', 'territory', 'organisation', 'region', 'unnamed')"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(32);
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.NameZh).HasMaxLength(200);
        b.Property(x => x.RowVersion).HasColumnName("xmin").IsRowVersion();
    }
}
