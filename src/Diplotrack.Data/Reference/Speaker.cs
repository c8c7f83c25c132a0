namespace Diplotrack.Data.Reference;

/// <summary>A person who speaks in transcripts; the actor is the government they speak for.</summary>
public class Speaker
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Role { get; set; }
    public string? ActorId { get; set; }
    public Actor? Actor { get; set; }
}

public class SpeakerConfiguration : IEntityTypeConfiguration<Speaker>
{
    public void Configure(EntityTypeBuilder<Speaker> b)
    {
        b.ToTable("speakers");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Role).HasMaxLength(200);
        b.Property(x => x.ActorId).HasMaxLength(32);
        // One row per person and government; the same name speaking for two actors is two speakers.
        b.HasIndex(x => new { x.Name, x.ActorId }).IsUnique().AreNullsDistinct(false);
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
    }
}
