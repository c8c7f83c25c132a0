using Diplotrack.Data;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Coding.Corrections;

/// <summary>Known actor and theme ids, read once per request (validators check many ids at a time).</summary>
public sealed class ReferenceIds(DiplotrackDbContext db)
{
    private HashSet<string>? _actors;
    private HashSet<string>? _themes;

    public async Task<bool> IsActorAsync(string? id, CancellationToken ct) =>
        id is not null && (_actors ??= (await db.Actors.Select(a => a.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal)).Contains(id);

    public async Task<bool> IsThemeAsync(string? id, CancellationToken ct) =>
        id is not null && (_themes ??= (await db.Themes.Select(t => t.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal)).Contains(id);
}
