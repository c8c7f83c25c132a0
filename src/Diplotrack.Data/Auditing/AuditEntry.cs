namespace Diplotrack.Data.Auditing;

/// <summary>Who changed what, when, from what to what, and why. Written for every change a person makes.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserName { get; set; }
    /// <summary>e.g. <c>document.update</c>, <c>coding.correct</c>, <c>document.delete</c>.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Reason { get; set; }
}

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        b.Property(x => x.At).HasColumnName("at");
        b.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(256);
        b.Property(x => x.Action).HasColumnName("action").HasMaxLength(64);
        b.Property(x => x.EntityType).HasColumnName("entity_type").HasMaxLength(64);
        b.Property(x => x.EntityId).HasColumnName("entity_id").HasMaxLength(64);
        b.Property(x => x.Before).HasColumnName("before").HasColumnType("jsonb");
        b.Property(x => x.After).HasColumnName("after").HasColumnType("jsonb");
        b.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(2000);
        b.HasIndex(x => new { x.EntityType, x.EntityId, x.At });
    }
}
