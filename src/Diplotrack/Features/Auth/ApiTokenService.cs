using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Diplotrack.Data;
using Diplotrack.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Auth;

public sealed record ApiTokenView(long Id, string UserName, string Name, DateTimeOffset CreatedAt, string? CreatedBy,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>The secret of a new token: shown once, never stored.</summary>
public sealed record NewApiToken(ApiTokenView Token, string Secret);

/// <summary>Personal API tokens: created with a random secret, stored as its SHA-256, revocable, last use recorded.</summary>
public sealed class ApiTokenService(DiplotrackDbContext db, TimeProvider clock)
{
    public const string Prefix = "dt_";

    /// <summary>Writing the last-use time on every request would turn reads into writes; once a minute is precise enough.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public async Task<NewApiToken?> CreateAsync(string userId, string name, string? createdBy, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return null;
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            TokenHash = Hash(secret),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = createdBy,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new NewApiToken(View(token, user.UserName!), secret);
    }

    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(CancellationToken ct) =>
        (await db.ApiTokens.AsNoTracking().Include(t => t.User).OrderByDescending(t => t.CreatedAt).ToListAsync(ct))
        .Select(t => View(t, t.User!.UserName!)).ToList();

    /// <summary>True when the token existed and is now revoked (revoking twice keeps the first time).</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken ct)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (token is null) return false;
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The enabled user a live token belongs to, or null; records the use.</summary>
    public async Task<AppUser?> AuthenticateAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 200) return null;
        var hash = Hash(secret);
        var token = await db.ApiTokens.Include(t => t.User)
            .SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, ct);
        if (token?.User is not { IsDisabled: false } user) return null;
        var now = clock.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
        {
            var threshold = now - LastUsedResolution;
            await db.ApiTokens.Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt < threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return user;
    }

    private static ApiTokenView View(ApiToken t, string userName) =>
        new(t.Id, userName, t.Name, t.CreatedAt, t.CreatedBy, t.LastUsedAt, t.RevokedAt);
}
