using Microsoft.AspNetCore.Identity;

namespace Diplotrack.Data.Identity;

/// <summary>A person who signs in to the admin UI or API. Roles: <see cref="Roles"/>.</summary>
public class AppUser : IdentityUser
{
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Viewer = "viewer";
    public static readonly string[] All = [Admin, Editor, Viewer];
}
