namespace Diplotrack.Data.Reference;

/// <summary>A news outlet that asks questions; its actor is the outlet's country, when known.</summary>
public class Outlet
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? ActorId { get; set; }
    public Actor? Actor { get; set; }
}

public class OutletConfiguration : IEntityTypeConfiguration<Outlet>
{
    public void Configure(EntityTypeBuilder<Outlet> b)
    {
        b.ToTable("outlets");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.ActorId).HasMaxLength(32);
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
    }
}
