namespace Diplotrack.Data.Identity;

/// <summary>
/// A personal API token for scripts (<c>Authorization: Bearer …</c> on <c>/api/v1</c>). Only the SHA-256 of the
/// secret is stored: the secret itself is shown once, when the token is created, and cannot be recovered.
/// </summary>
public class ApiToken
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    /// <summary>What the owner calls it ("nightly export script").</summary>
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the UTF-8 token text.</summary>
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TokenHash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => x.UserId);
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
