using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace Diplotrack.Data.Identity;

/// <summary>
/// The data-protection key ring (ASP.NET Core's own entity): every web instance reads and writes the same keys,
/// so a sign-in cookie or anti-forgery token made by one instance is accepted by the others.
/// </summary>
public class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("data_protection_keys");
        b.HasKey(x => x.Id);
    }
}
