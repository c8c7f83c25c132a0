using Diplotrack.Features.Auth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Diplotrack.Data;
using Diplotrack.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace Diplotrack.Features.Users;

public static class UsersFeature
{
    /// <summary>Identity's user and role stores for every role and the CLI; the web role adds sign-in on top.</summary>
    public static IServiceCollection AddUsersFeature(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                // Length beats composition rules (NIST SP 800-63B); generated passwords are 20 random characters.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DiplotrackDbContext>();
        services.AddScoped<UserAdmin>();
        // Tokens are made from the CLI too (`diplotrack tokens`), not only by the web role's auth feature.
        services.TryAddScoped<ApiTokenService>();
        services.AddSingleton<FirstAdminNotice>();
        return services;
    }
}
