using Diplotrack.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Diplotrack.Features.Auth;

/// <summary>
/// Sign-in cookies and anti-forgery tokens are encrypted with the data-protection key ring. Kept in the
/// database that every web instance already shares (<c>app.data_protection_keys</c>), one instance's cookie is
/// accepted by all the others: behind a load balancer, after a restart and in a new container alike.
/// </summary>
public static class KeyRing
{
    /// <summary>
    /// Fixed, because the default isolates apps by their content root path, and two machines need not install
    /// the product in the same folder. Changing it signs everybody out.
    /// </summary>
    public const string ApplicationName = "Diplotrack";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<DiplotrackDbContext>();
        return services;
    }
}
