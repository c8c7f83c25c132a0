using Diplotrack.Data.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Diplotrack.Features.Auth;

/// <summary>
/// The authorization policies, named once. <c>admin</c> is also what the Hangfire dashboard requires.
/// Every endpoint without an explicit policy falls back to <see cref="Viewer"/>: nothing is public by accident.
/// </summary>
public static class Policies
{
    /// <summary>Users, tokens, codebook, jobs, deletions.</summary>
    public const string Admin = "admin";
    /// <summary>Documents and codings: admin or editor.</summary>
    public const string Editor = "editor";
    /// <summary>Read-only: any role.</summary>
    public const string Viewer = "viewer";

    public static AuthorizationPolicy AnyRole { get; } =
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build();

    public static AuthorizationBuilder AddDiplotrackPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
        .AddPolicy(Editor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Editor))
        .AddPolicy(Viewer, AnyRole)
        .SetFallbackPolicy(AnyRole);
}
