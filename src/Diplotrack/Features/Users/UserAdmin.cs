using Diplotrack.Data;
using Diplotrack.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Users;

public sealed record UserView(string Id, string Email, IReadOnlyList<string> Roles, bool IsDisabled, DateTimeOffset CreatedAt);

/// <summary>The outcome of a user change: errors are one-line messages for a person.</summary>
public sealed record UserResult(UserView? User, string? Password, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
    public static UserResult Fail(params string[] errors) => new(null, null, errors);
}

/// <summary>Credentials of the first admin, created on first start; printed once with the address to sign in at.</summary>
public sealed class FirstAdminNotice
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>Users and roles, shared by the CLI (<c>diplotrack users …</c>), start-up and the admin pages.</summary>
public sealed class UserAdmin(UserManager<AppUser> users, RoleManager<IdentityRole> roles, DiplotrackDbContext db, TimeProvider clock)
{
    public const string DefaultFirstAdminEmail = "admin@localhost";

    public async Task EnsureRolesAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            ct.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role)) Throw(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }
    }

    /// <summary>Creates an admin with a generated password when there is no user at all; null when users exist.</summary>
    public async Task<UserResult?> EnsureFirstAdminAsync(string? email, CancellationToken ct)
    {
        await EnsureRolesAsync(ct);
        if (await db.Users.AnyAsync(ct)) return null;
        return await AddAsync(string.IsNullOrWhiteSpace(email) ? DefaultFirstAdminEmail : email, Roles.Admin, null, ct);
    }

    /// <summary>Adds a user; without <paramref name="password"/> one is generated and returned (shown once).</summary>
    public async Task<UserResult> AddAsync(string email, string role, string? password, CancellationToken ct)
    {
        if (!Roles.All.Contains(role)) return UserResult.Fail($"unknown role '{role}': use {string.Join(", ", Roles.All)}");
        await EnsureRolesAsync(ct);
        email = email.Trim();
        if (await users.FindByNameAsync(email) is not null) return UserResult.Fail($"a user '{email}' already exists");
        var generated = password is null;
        password ??= PasswordGenerator.Generate();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return UserResult.Fail(Messages(created));
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded) return UserResult.Fail(Messages(added));
        await tx.CommitAsync(ct);
        return new UserResult(await ViewAsync(user), generated ? password : null, []);
    }

    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roleNames = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        return all.Select(u => new UserView(u.Id, u.UserName!,
            roleNames.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(), u.IsDisabled, u.CreatedAt)).ToList();
    }

    public async Task<UserResult> SetPasswordAsync(string email, string? password, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(email.Trim());
        if (user is null) return UserResult.Fail($"no user '{email}'");
        var generated = password is null;
        password ??= PasswordGenerator.Generate();
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            if (!valid.Succeeded) return UserResult.Fail(Messages(valid));
        }
        ct.ThrowIfCancellationRequested();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        // Saves the user and, with the new stamp, ends sessions signed in with the old password.
        var saved = await users.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded) return UserResult.Fail(Messages(saved));
        return new UserResult(await ViewAsync(user), generated ? password : null, []);
    }

    /// <summary>Disables sign-in and API tokens; the security stamp change ends existing sessions.</summary>
    public async Task<UserResult> SetDisabledAsync(string email, bool disabled, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(email.Trim());
        if (user is null) return UserResult.Fail($"no user '{email}'");
        if (disabled && user.IsDisabled == false && await IsLastActiveAdminAsync(user, ct))
            return UserResult.Fail("this is the last enabled admin: add another admin first");
        user.IsDisabled = disabled;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return UserResult.Fail(Messages(updated));
        await users.UpdateSecurityStampAsync(user);
        return new UserResult(await ViewAsync(user), null, []);
    }

    private async Task<bool> IsLastActiveAdminAsync(AppUser user, CancellationToken ct)
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin)) return false;
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        ct.ThrowIfCancellationRequested();
        return admins.Count(a => !a.IsDisabled) <= 1;
    }

    private async Task<UserView> ViewAsync(AppUser user) =>
        new(user.Id, user.UserName!, (await users.GetRolesAsync(user)).Order().ToList(), user.IsDisabled, user.CreatedAt);

    private static string[] Messages(IdentityResult result) => result.Errors.Select(e => e.Description).ToArray();

    private static void Throw(IdentityResult result, string what)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"Cannot create {what}: {string.Join("; ", Messages(result))}");
    }
}
